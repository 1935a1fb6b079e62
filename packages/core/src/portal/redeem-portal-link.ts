import { getPrisma } from "@helpline/db";
import { DomainError } from "../errors.ts";
import { generateSecret, hashSecret } from "../secrets.ts";
import { PORTAL_SESSION_TTL_MS } from "./portal-links.ts";

/**
 * Spends a sign-in link and opens a portal session: the link works once (the update that marks it
 * used is the check, so two clicks at once cannot both win) and only before it expires. With `via`,
 * only a link made that way is spent (opening an agent link signs in; a mailed one is left alone).
 */
export async function redeemPortalLink(options: {
  token: string;
  via?: "agent";
  now?: Date;
}): Promise<{ sessionToken: string; expiresAt: Date }> {
  const now = options.now ?? new Date();
  const sessionToken = generateSecret();
  const expiresAt = new Date(now.getTime() + PORTAL_SESSION_TTL_MS);
  const opened = await getPrisma().$transaction(async (tx) => {
    const spent = await tx.portalLink.updateManyAndReturn({
      where: {
        tokenHash: hashSecret(options.token),
        usedAt: null,
        expiresAt: { gt: now },
        ...(options.via ? { via: options.via } : {}),
      },
      data: { usedAt: now },
      select: { contactId: true },
    });
    const link = spent[0];
    if (!link) return false;
    await tx.portalSession.create({
      data: { contactId: link.contactId, tokenHash: hashSecret(sessionToken), expiresAt, createdAt: now },
    });
    return true;
  });
  if (!opened)
    throw new DomainError("invalid_link", "This sign-in link has expired or was already used. Ask for a new one.", 400);
  return { sessionToken, expiresAt };
}
