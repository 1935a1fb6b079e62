import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";

export async function listTechnicians(options: { actor: TechnicianActor }) {
  requireAdmin(options.actor);
  return getPrisma().technician.findMany({
    select: { id: true, name: true, email: true, role: true, disabled: true, createdAt: true },
    orderBy: [{ disabled: "asc" }, { name: "asc" }],
  });
}
