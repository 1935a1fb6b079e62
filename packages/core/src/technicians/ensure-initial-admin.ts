import { randomBytes } from "node:crypto";
import { getPrisma, Prisma } from "@helpline/db";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { hashPassword } from "../auth/password.ts";
import { ZEmail } from "./technician-input.ts";

const DEFAULT_ADMIN_EMAIL = "admin@helpline.local";

export type InitialAdminResult =
  { created: false } | { created: true; email: string; generatedPassword: string | null };

/**
 * On an empty database, creates the first admin from HELPLINE_ADMIN_EMAIL / HELPLINE_ADMIN_PASSWORD,
 * generating a password when none is given (the caller prints it once). Safe to call from several
 * processes at once: the unique email lets only one of them create it.
 */
export async function ensureInitialAdmin(options: { email?: string; password?: string }): Promise<InitialAdminResult> {
  const prisma = getPrisma();
  if ((await prisma.technician.count()) > 0) return { created: false };
  const email = ZEmail.parse(options.email?.trim() || DEFAULT_ADMIN_EMAIL);
  const generatedPassword = options.password ? null : randomBytes(15).toString("base64url");
  const passwordHash = await hashPassword(options.password || generatedPassword!);
  try {
    await prisma.$transaction(async (tx) => {
      const admin = await tx.technician.create({ data: { email, name: "Administrator", passwordHash, role: "admin" } });
      await recordAuditEvent(tx, {
        actor: { type: "system" },
        action: "technician.created",
        subject: `technician:${admin.id}`,
        data: { email, role: "admin", initial: true },
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { created: false };
    throw error;
  }
  return { created: true, email, generatedPassword };
}
