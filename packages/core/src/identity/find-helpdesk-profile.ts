import type { Prisma } from "@helpline/db";
import { DomainError } from "../errors.ts";

/**
 * The profile an end-user call acts for: one this device has reported, with the Helpdesk Agent
 * active. Anything else is `403 helpdesk_inactive` (an unknown profile reveals nothing more).
 */
export async function findHelpdeskProfile(
  tx: Prisma.TransactionClient,
  options: { deviceId: string; profile: string },
) {
  const profile = await tx.deviceProfile.findFirst({
    where: { deviceId: options.deviceId, name: options.profile, helpdeskActive: true },
    select: {
      id: true,
      name: true,
      displayName: true,
      windowsLocale: true,
      device: { select: { id: true, customerId: true, hostname: true } },
      contact: { select: { id: true, email: true, fullName: true, customerId: true } },
    },
  });
  if (!profile)
    throw new DomainError(
      "helpdesk_inactive",
      "The Helpdesk Agent is not active for this user on this device. Ask your IT provider to activate it.",
      403,
    );
  return profile;
}
