import { getPrisma } from "@helpline/db";
import type { TSendTokenRequest } from "@helpline/protocol";
import type { Locale } from "@helpline/i18n";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { getCustomerTimeZone } from "../customers/get-customer-time-zone.ts";
import { DomainError } from "../errors.ts";
import { getContactLanguage } from "../languages/get-contact-language.ts";
import { getProfileLanguage } from "../languages/get-profile-language.ts";
import { enqueueMail } from "../mail/enqueue-mail.ts";
import { hashSecret } from "../secrets.ts";
import { lockThrottleKeys } from "../throttle/lock-throttle-keys.ts";
import { findHelpdeskProfile } from "./find-helpdesk-profile.ts";
import {
  generateIdentityToken,
  IDENTITY_SEND_LIMIT,
  IDENTITY_TOKEN_TTL_SECONDS,
  normalizeIdentityToken,
} from "./identity-token.ts";
import { identityTokenMail } from "./identity-token-mail.ts";

/**
 * Personal Info Settings ▸ Send Token: a new token (replacing any pending one) goes to the email
 * address by the outbox, in the same transaction; throttled to 3 per 15 minutes per profile and
 * per address, counted one request at a time (concurrent requests cannot all pass). The token is
 * never returned, and is stored only as a hash. The mail names the expiry in the zone of the
 * device's customer (getCustomerTimeZone) and is written in the language of the person it goes to:
 * the contact this address already is at the device's customer (getContactLanguage; the contact
 * confirming would make them), else the language of the page the person asked from (`pageLocale`:
 * the one they read, perhaps picked under Language before anyone knew them), else the profile's
 * (getProfileLanguage: its Windows display language, the customer's default, the MSP's).
 */
export async function sendIdentityToken(options: {
  deviceId: string;
  request: TSendTokenRequest;
  pageLocale?: Locale | null;
  now?: Date;
}) {
  const now = options.now ?? new Date();
  const email = options.request.email.toLowerCase();
  const token = generateIdentityToken();
  const expiresAt = new Date(now.getTime() + IDENTITY_TOKEN_TTL_SECONDS * 1000);
  await getPrisma().$transaction(async (tx) => {
    const profile = await findHelpdeskProfile(tx, { deviceId: options.deviceId, profile: options.request.profile });
    await lockThrottleKeys(tx, [`identity-send:profile:${profile.id}`, `identity-send:email:${email}`]);
    const since = new Date(now.getTime() - IDENTITY_SEND_LIMIT.windowMs);
    const recent = await tx.identityTokenSend.findMany({
      where: { at: { gte: since }, OR: [{ profileId: profile.id }, { email }] },
      select: { profileId: true, email: true, at: true },
      orderBy: { at: "asc" },
    });
    const byProfile = recent.filter((send) => send.profileId === profile.id);
    const byEmail = recent.filter((send) => send.email === email);
    const limiting = [byProfile, byEmail].find((sends) => sends.length >= IDENTITY_SEND_LIMIT.count);
    if (limiting) {
      const retryAfter = Math.ceil((limiting[0]!.at.getTime() + IDENTITY_SEND_LIMIT.windowMs - now.getTime()) / 1000);
      throw new DomainError(
        "too_many_requests",
        `Too many tokens asked for. Try again in ${Math.ceil(retryAfter / 60)} minutes.`,
        429,
        { retryAfterSeconds: retryAfter, params: { minutes: Math.ceil(retryAfter / 60) } },
      );
    }
    await tx.identityTokenSend.create({ data: { profileId: profile.id, email, at: now } });
    const pending = {
      fullName: options.request.fullName,
      email,
      tokenHash: hashSecret(normalizeIdentityToken(token)),
      expiresAt,
      failedAttempts: 0,
      createdAt: now,
    };
    await tx.identityToken.upsert({
      where: { profileId: profile.id },
      create: { profileId: profile.id, ...pending },
      update: pending,
    });
    const known = await tx.contact.findUnique({
      where: { customerId_email: { customerId: profile.device.customerId, email } },
      select: { id: true },
    });
    const locale = known
      ? await getContactLanguage({ contactId: known.id, db: tx })
      : (options.pageLocale ?? (await getProfileLanguage({ profileId: profile.id, db: tx })));
    await enqueueMail(tx, {
      kind: "identity",
      ...identityTokenMail({
        to: email,
        fullName: options.request.fullName,
        token,
        hostname: profile.device.hostname,
        expiresAt,
        timeZone: await getCustomerTimeZone({ customerId: profile.device.customerId, db: tx }),
        locale,
      }),
    });
    await recordAuditEvent(tx, {
      actor: { type: "system" },
      action: "identity.token_sent",
      subject: `device:${profile.device.id}`,
      data: { profile: profile.name, email },
    });
  });
  return { sentTo: email, expiresInSeconds: IDENTITY_TOKEN_TTL_SECONDS };
}
