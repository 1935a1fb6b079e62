import { getPrisma } from "@helpline/db";
import { DomainError } from "../errors.ts";
import { getContactLanguage } from "../languages/get-contact-language.ts";
import { enqueueMail } from "../mail/enqueue-mail.ts";
import { generateSecret, hashSecret } from "../secrets.ts";
import { lockThrottleKeys } from "../throttle/lock-throttle-keys.ts";
import { getPortalBranding } from "./get-portal-branding.ts";
import type { TPortalSignInInput } from "./portal-input.ts";
import { PORTAL_EMAIL_LINK_TTL_SECONDS, PORTAL_SIGN_IN_LIMIT, portalLinkUrl } from "./portal-links.ts";
import { portalSignInMail } from "./portal-mail.ts";

/**
 * "Email me a sign-in link": when the address is a contact, a one-time link (15 minutes) goes out
 * through the outbox. The answer is the same whether or not it is a contact, so nobody can probe
 * for contacts; requests are throttled per address and per network address either way. The mail
 * is in the contact's language (getContactLanguage); an address that is a contact of several
 * customers gets one mail listing each one's link, in the language of the contact created first.
 */
export async function requestPortalSignIn(options: {
  input: TPortalSignInInput;
  ip: string;
  publicUrl: string;
  now?: Date;
}): Promise<{ queued: boolean }> {
  const now = options.now ?? new Date();
  const { email } = options.input;
  const brand = (await getPortalBranding()).name;
  return getPrisma().$transaction(async (tx) => {
    await lockThrottleKeys(tx, [`portal-sign-in:email:${email}`, `portal-sign-in:ip:${options.ip}`]);
    const since = new Date(now.getTime() - PORTAL_SIGN_IN_LIMIT.windowMs);
    const [byEmail, byIp] = await Promise.all([
      tx.portalSignInRequest.count({ where: { email, at: { gte: since } } }),
      tx.portalSignInRequest.count({ where: { ip: options.ip, at: { gte: since } } }),
    ]);
    if (byEmail >= PORTAL_SIGN_IN_LIMIT.perEmail || byIp >= PORTAL_SIGN_IN_LIMIT.perIp) {
      throw new DomainError(
        "too_many_requests",
        "Too many sign-in links asked for. Wait 15 minutes, then try again.",
        429,
      );
    }
    await tx.portalSignInRequest.create({ data: { email, ip: options.ip, at: now } });
    const contacts = await tx.contact.findMany({
      where: { email },
      select: { id: true, customer: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
    });
    if (contacts.length === 0) return { queued: false };
    const expiresAt = new Date(now.getTime() + PORTAL_EMAIL_LINK_TTL_SECONDS * 1000);
    const links = [];
    for (const contact of contacts) {
      const token = generateSecret();
      await tx.portalLink.create({
        data: { contactId: contact.id, tokenHash: hashSecret(token), via: "email", expiresAt, createdAt: now },
      });
      links.push({
        customerName: contact.customer.name,
        url: portalLinkUrl(options.publicUrl, token, options.input.next),
      });
    }
    const locale = await getContactLanguage({ contactId: contacts[0]!.id, db: tx });
    await enqueueMail(tx, { kind: "sign-in", ...portalSignInMail({ to: email, links, brand, locale }) });
    return { queued: true };
  });
}
