import type { Prisma } from "@helpline/db";
import { DomainError } from "../errors.ts";
import { findHelpdeskProfile } from "../identity/find-helpdesk-profile.ts";

/**
 * The contact an end-user ticket call acts for: the profile must have the Helpdesk Agent active
 * (`403 helpdesk_inactive`) and a confirmed identity (`403 identity_unconfirmed`).
 */
export async function findTicketContact(tx: Prisma.TransactionClient, options: { deviceId: string; profile: string }) {
  const { contact, ...profile } = await findHelpdeskProfile(tx, options);
  if (!contact || contact.customerId !== profile.device.customerId) {
    throw new DomainError(
      "identity_unconfirmed",
      "Confirm your identity in Personal Info Settings first: we need to know who to answer.",
      403,
    );
  }
  return { profile, contact };
}
