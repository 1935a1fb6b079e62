import { getPrisma, Prisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { hashPassword } from "../auth/password.ts";
import { DomainError } from "../errors.ts";
import type { TCreateTechnicianInput } from "./technician-input.ts";

export async function createTechnician(options: { actor: TechnicianActor; input: TCreateTechnicianInput }) {
  requireAdmin(options.actor);
  const { name, email, password, role } = options.input;
  const passwordHash = await hashPassword(password);
  try {
    return await getPrisma().$transaction(async (tx) => {
      const technician = await tx.technician.create({
        data: { name, email, passwordHash, role },
        select: { id: true, name: true, email: true, role: true, disabled: true, createdAt: true },
      });
      await recordAuditEvent(tx, {
        actor: technicianAuditActor(options.actor),
        action: "technician.created",
        subject: `technician:${technician.id}`,
        data: { email, role },
      });
      return technician;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError("email_taken", "A technician with this email already exists.", 409);
    }
    throw error;
  }
}
