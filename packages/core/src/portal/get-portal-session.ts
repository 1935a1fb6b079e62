import { getPrisma } from "@helpline/db";
import { hashSecret } from "../secrets.ts";
import { PORTAL_CONTACT_SELECT, toPortalContact, type PortalContact } from "./portal-contact.ts";

/** The contact a portal session cookie names, or null when it is unknown or expired. */
export async function getPortalSession(options: {
  sessionToken: string | undefined;
  now?: Date;
}): Promise<PortalContact | null> {
  if (!options.sessionToken) return null;
  const session = await getPrisma().portalSession.findUnique({
    where: { tokenHash: hashSecret(options.sessionToken) },
    select: { expiresAt: true, contact: { select: PORTAL_CONTACT_SELECT } },
  });
  if (!session || session.expiresAt <= (options.now ?? new Date())) return null;
  return toPortalContact(session.contact);
}
