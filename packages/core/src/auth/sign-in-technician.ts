import { getPrisma } from "@helpline/db";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { lockThrottleKeys } from "../throttle/lock-throttle-keys.ts";
import { decoyPasswordHash, verifyPassword } from "./password.ts";
import type { TSignInInput } from "./auth-input.ts";

export const SIGN_IN_THROTTLE = { maxFailures: 10, windowMs: 15 * 60 * 1000 };
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

export type SignInResult =
  | {
      ok: true;
      sessionId: string;
      technician: { id: string; email: string; name: string; role: "admin" | "technician" };
    }
  | { ok: false; reason: "invalid_credentials" | "throttled" };

/**
 * Checks a technician's email and password and opens a session. The answer never says which of
 * the two was wrong, costs the same time either way, and an address that failed 10 times in 15
 * minutes is refused before any password is checked. Every attempt first books one of the
 * address's 10 tries (counted under a lock on the address, so attempts arriving together cannot
 * all see room); a right password gives its try back. Only `ip` decides whose tries are counted:
 * the caller passes the client's address as its trusted proxy reported it.
 */
export async function signInTechnician(input: TSignInInput): Promise<SignInResult> {
  const prisma = getPrisma();
  const since = new Date(Date.now() - SIGN_IN_THROTTLE.windowMs);
  const booked = await prisma.$transaction(async (tx) => {
    await lockThrottleKeys(tx, [`console-sign-in:ip:${input.ip}`]);
    const failures = await tx.signInFailure.count({ where: { ip: input.ip, at: { gte: since } } });
    if (failures >= SIGN_IN_THROTTLE.maxFailures) return null;
    await tx.signInFailure.deleteMany({ where: { ip: input.ip, at: { lt: since } } });
    return tx.signInFailure.create({ data: { ip: input.ip }, select: { id: true } });
  });
  if (!booked) return { ok: false, reason: "throttled" };

  const technician = await prisma.technician.findUnique({ where: { email: input.email } });
  const passwordMatches = await verifyPassword(input.password, technician?.passwordHash ?? (await decoyPasswordHash()));
  if (!technician || !passwordMatches || technician.disabled) return { ok: false, reason: "invalid_credentials" };

  const session = await prisma.$transaction(async (tx) => {
    await tx.signInFailure.deleteMany({ where: { id: booked.id } });
    const created = await tx.session.create({
      data: { technicianId: technician.id, expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS) },
    });
    await recordAuditEvent(tx, {
      actor: { type: "technician", id: technician.id },
      action: "technician.signed_in",
      subject: `technician:${technician.id}`,
      data: { ip: input.ip },
    });
    return created;
  });
  const { id, email, name, role } = technician;
  return { ok: true, sessionId: session.id, technician: { id, email, name, role } };
}
