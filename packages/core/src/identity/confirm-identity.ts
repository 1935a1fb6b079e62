import { timingSafeEqual } from "node:crypto";
import { getPrisma } from "@helpline/db";
import type { TConfirmIdentityRequest } from "@helpline/protocol";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { bumpHelpdeskState } from "../helpdesk/bump-helpdesk-state.ts";
import { recordWindowsLanguage } from "../languages/record-windows-language.ts";
import { DomainError } from "../errors.ts";
import { hashSecret } from "../secrets.ts";
import { findHelpdeskProfile } from "./find-helpdesk-profile.ts";
import { IDENTITY_TOKEN_MAX_TRIES, normalizeIdentityToken } from "./identity-token.ts";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event.ts";
import { contactConfirmedEvent } from "../webhooks/webhook-payloads.ts";

/**
 * Personal Info Settings ▸ Save: the right token within 15 minutes makes the person a contact of
 * the device's customer (matched by email, name updated) and confirms the profile. A wrong token
 * counts; the 5th burns the pending token. The profile's reported Windows display language becomes
 * the contact's language unless the contact chose one. Errors say which case it is, never the right token.
 */
export async function confirmIdentity(options: { deviceId: string; request: TConfirmIdentityRequest; now?: Date }) {
  const now = options.now ?? new Date();
  const prisma = getPrisma();
  const outcome = await prisma.$transaction(async (tx) => {
    const profile = await findHelpdeskProfile(tx, { deviceId: options.deviceId, profile: options.request.profile });
    // Each guess first waits for the row lock of the one before it, then reads what that one left
    // (a later statement sees what committed before it): every wrong guess counts against an
    // up-to-date count, so at most 5 are ever checked, however many arrive at once.
    await tx.$executeRaw`SELECT 1 FROM "IdentityToken" WHERE "profileId" = ${profile.id}::uuid FOR UPDATE`;
    const pending = await tx.identityToken.findUnique({ where: { profileId: profile.id } });
    if (!pending) return { kind: "none" as const };
    if (pending.expiresAt <= now) return { kind: "expired" as const };
    const given = Buffer.from(hashSecret(normalizeIdentityToken(options.request.token)));
    const expected = Buffer.from(pending.tokenHash);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      const attempts = pending.failedAttempts + 1;
      const audit = { subject: `device:${profile.device.id}`, data: { profile: profile.name, email: pending.email } };
      if (attempts >= IDENTITY_TOKEN_MAX_TRIES) {
        await tx.identityToken.delete({ where: { id: pending.id } });
        await recordAuditEvent(tx, { actor: { type: "system" }, action: "identity.token_burnt", ...audit });
        return { kind: "burnt" as const };
      }
      await tx.identityToken.update({ where: { id: pending.id }, data: { failedAttempts: attempts } });
      return { kind: "wrong" as const, left: IDENTITY_TOKEN_MAX_TRIES - attempts };
    }
    const contact = await tx.contact.upsert({
      where: { customerId_email: { customerId: profile.device.customerId, email: pending.email } },
      create: { customerId: profile.device.customerId, email: pending.email, fullName: pending.fullName },
      update: { fullName: pending.fullName },
    });
    await tx.deviceProfile.update({ where: { id: profile.id }, data: { contactId: contact.id } });
    // The Windows display language reported for this profile becomes the contact's, unless they chose one.
    await recordWindowsLanguage({ contactIds: [contact.id], tag: profile.windowsLocale, db: tx });
    await tx.identityToken.delete({ where: { id: pending.id } });
    await recordAuditEvent(tx, {
      actor: { type: "system" },
      action: "identity.confirmed",
      subject: `device:${profile.device.id}`,
      data: { profile: profile.name, email: contact.email, name: contact.fullName },
    });
    await enqueueWebhookEvent(tx, await contactConfirmedEvent(tx, profile.id));
    await bumpHelpdeskState(tx, [profile.device.id]);
    return {
      kind: "confirmed" as const,
      identity: { confirmed: true, fullName: contact.fullName, email: contact.email },
    };
  });
  switch (outcome.kind) {
    case "confirmed":
      return { identity: outcome.identity };
    case "none":
      throw new DomainError("invalid_token", "There is no token waiting for this user: use Send Token first.", 400, {
        params: { reason: "none" },
      });
    case "expired":
      throw new DomainError("invalid_token", "This token has expired. Use Send Token to get a new one.", 400, {
        params: { reason: "expired" },
      });
    case "wrong":
      throw new DomainError(
        "invalid_token",
        `This token is not right. ${outcome.left} ${outcome.left === 1 ? "try" : "tries"} left.`,
        400,
        { params: { reason: "wrong", left: outcome.left } },
      );
    case "burnt":
      throw new DomainError(
        "too_many_attempts",
        "Too many wrong tokens: this one no longer works. Use Send Token to get a new one.",
        429,
      );
  }
}
