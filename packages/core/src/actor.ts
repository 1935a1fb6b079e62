import { DomainError } from "./errors.ts";

/** The signed-in technician on whose behalf a console service runs. */
export type TechnicianActor = { id: string; role: "admin" | "technician" };

export function requireAdmin(actor: TechnicianActor): void {
  if (actor.role !== "admin") throw new DomainError("forbidden", "Only an admin can do this.", 403);
}
