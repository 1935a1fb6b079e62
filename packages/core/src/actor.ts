import { DomainError } from "./errors.ts";

/**
 * The technician on whose behalf a console service runs: signed in to the console, or calling the
 * REST API with one of their API keys (`apiKey`: that key's id and name, which the audit log
 * records beside the technician). A service treats both alike: an API call can do nothing its
 * technician could not do in the console.
 */
export type TechnicianActor = { id: string; role: "admin" | "technician"; apiKey?: { id: string; name: string } };

export function requireAdmin(actor: TechnicianActor): void {
  if (actor.role !== "admin") throw new DomainError("forbidden", "Only an admin can do this.", 403);
}
