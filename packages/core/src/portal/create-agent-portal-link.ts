import { getPrisma } from "@helpline/db";
import type { TPortalLinkResponse } from "@helpline/protocol";
import { generateSecret, hashSecret } from "../secrets.ts";
import { findTicketContact } from "../tickets/find-ticket-contact.ts";
import { agentPortalLinkUrl, PORTAL_AGENT_LINK_TTL_SECONDS } from "./portal-links.ts";

/**
 * Open Customer Portal from the agent: a one-time link, valid 120 s, that signs the profile's
 * confirmed contact in without a password as soon as it is opened (`agentPortalLinkUrl`). Refused
 * like tickets are (inactive, unconfirmed).
 */
export async function createAgentPortalLink(options: {
  deviceId: string;
  profile: string;
  publicUrl: string;
  now?: Date;
}): Promise<TPortalLinkResponse> {
  const now = options.now ?? new Date();
  const token = generateSecret();
  await getPrisma().$transaction(async (tx) => {
    const { contact } = await findTicketContact(tx, { deviceId: options.deviceId, profile: options.profile });
    await tx.portalLink.create({
      data: {
        contactId: contact.id,
        tokenHash: hashSecret(token),
        via: "agent",
        expiresAt: new Date(now.getTime() + PORTAL_AGENT_LINK_TTL_SECONDS * 1000),
        createdAt: now,
      },
    });
  });
  return { url: agentPortalLinkUrl(options.publicUrl, token), expiresInSeconds: PORTAL_AGENT_LINK_TTL_SECONDS };
}
