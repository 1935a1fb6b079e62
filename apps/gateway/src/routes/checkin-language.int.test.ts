import { hashSecret, setContactLanguage, setCustomerLanguage } from "@helpline/core";
import { getPrisma } from "@helpline/db";
import { checkinBody, createCustomerRow, createHelpdeskDeviceRow, createTechnicianRow } from "@helpline/db/testing";
import { ZCheckinResponse, ZErrorBody } from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGateway } from "../build-gateway.ts";

let gateway: FastifyInstance;
beforeAll(async () => {
  gateway = await buildGateway();
  await gateway.ready();
});
afterAll(() => gateway.close());

/** A Windows workstation with the Helpdesk Agent active for its profile, confirmed unless said otherwise. */
async function helpdeskDevice(options: { confirmed?: boolean } = {}) {
  const customer = await createCustomerRow();
  const row = await createHelpdeskDeviceRow({ customerId: customer.id, confirmed: options.confirmed });
  const headers = { authorization: `Bearer ${row.agentToken}` };
  const checkin = async (extra: Record<string, unknown> = {}) => {
    const answer = await gateway.inject({
      method: "POST",
      url: "/api/agent/v1/checkin",
      headers,
      payload: checkinBody(row.profile.name, extra),
    });
    expect(answer.statusCode).toBe(200);
    return ZCheckinResponse.parse(answer.json());
  };
  const setLanguage = (language: unknown) =>
    gateway.inject({
      method: "POST",
      url: "/api/agent/v1/helpdesk/language",
      headers,
      payload: { profile: row.profile.name, language },
    });
  const stored = async () => ({
    profile: await getPrisma().deviceProfile.findUniqueOrThrow({
      where: { id: row.profile.id },
      select: { windowsLocale: true, contactId: true },
    }),
    contact: row.contact
      ? await getPrisma().contact.findUniqueOrThrow({
          where: { id: row.contact.id },
          select: { language: true, languageSource: true },
        })
      : null,
  });
  return { ...row, customer, checkin, setLanguage, stored };
}

describe("the Windows display language in check-ins", () => {
  it("stores a profile's reported language once, gives it to the confirmed contact, and answers the language", async () => {
    const { profile, contact, checkin, stored } = await helpdeskDevice();
    const first = await checkin({ profiles: [{ name: profile.name, console: true, locale: "fr-FR" }] });
    expect(first.helpdesk.language).toBe("fr");
    expect(first.profiles).toEqual([{ name: profile.name, helpdesk: expect.objectContaining({ language: "fr" }) }]);
    expect(await stored()).toEqual({
      profile: { windowsLocale: "fr-FR", contactId: contact!.id },
      contact: { language: "fr", languageSource: "windows" },
    });

    // The same report a minute later writes nothing: the contact's language, moved behind its
    // back, stays where it was.
    await getPrisma().contact.update({ where: { id: contact!.id }, data: { language: "en" } });
    const again = await checkin({ profiles: [{ name: profile.name, console: true, locale: "fr-FR" }] });
    expect(again.stateVersion).toBe(first.stateVersion);
    expect((await stored()).contact).toEqual({ language: "en", languageSource: "windows" });

    // A changed report counts again.
    await checkin({ profiles: [{ name: profile.name, console: true, locale: "fr-CA" }] });
    expect(await stored()).toMatchObject({
      profile: { windowsLocale: "fr-CA" },
      contact: { language: "fr", languageSource: "windows" },
    });
  });

  it("takes the check-in's own locale for the current profile of an agent that lists no profiles", async () => {
    const { checkin, stored } = await helpdeskDevice();
    expect((await checkin({ locale: "fr-BE" })).helpdesk.language).toBe("fr");
    expect(await stored()).toMatchObject({ profile: { windowsLocale: "fr-BE" }, contact: { language: "fr" } });
  });

  it("speaks the Windows language to an unconfirmed profile, and the customer's default without one", async () => {
    const { customer, checkin } = await helpdeskDevice({ confirmed: false });
    const before = await checkin();
    expect(before.helpdesk.language).toBe("en");
    const admin = { id: (await createTechnicianRow({ role: "admin" })).id, role: "admin" as const };
    // The customer's change bumps its devices: a held check-in is woken with it. (On PostgreSQL
    // the gateway hears of the change by NOTIFY, a moment after the write: an agent's check-in
    // is held, so it is answered when that arrives, not with what the gateway knew before.)
    const held = checkin({ waitSeconds: 20, knownStateVersion: before.stateVersion });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await setCustomerLanguage({ actor: admin, input: { customerId: customer.id, language: "fr" } });
    const after = await held;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(after.stateVersion).toBeGreaterThan(before.stateVersion);
    expect(after.helpdesk.language).toBe("fr");
    expect((await checkin({ locale: "en-US" })).helpdesk.language).toBe("en");
  });

  it("wakes a held check-in when the person chooses a language in the portal", async () => {
    const { contact, checkin } = await helpdeskDevice();
    const { stateVersion } = await checkin();
    const held = checkin({ waitSeconds: 20, knownStateVersion: stateVersion });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await setContactLanguage({ contactId: contact!.id, language: "fr" });
    const answer = await held;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(answer.stateVersion).toBeGreaterThan(stateVersion);
    expect(answer.helpdesk.language).toBe("fr");
  });
});

describe("POST /helpdesk/language (Personal Info Settings ▸ Language)", () => {
  it("keeps the confirmed person's choice over Windows', and goes back to Windows' on Automatic", async () => {
    const { checkin, setLanguage, stored } = await helpdeskDevice();
    await checkin({ locale: "fr-FR" });
    const chosen = await setLanguage("en");
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json()).toEqual({ language: "en" });
    expect((await stored()).contact).toEqual({ language: "en", languageSource: "chosen" });
    expect((await checkin({ locale: "fr-CA" })).helpdesk.language).toBe("en");

    // Automatic: Windows' language again at once, and the next changed report counts.
    expect((await setLanguage(null)).json()).toEqual({ language: "fr" });
    expect((await stored()).contact).toEqual({ language: "fr", languageSource: "windows" });
    expect((await checkin({ locale: "en-US" })).helpdesk.language).toBe("en");
  });

  it("refuses before the identity is confirmed (409), and a language Helpline has no catalog for (400)", async () => {
    const unconfirmed = await helpdeskDevice({ confirmed: false });
    const refused = await unconfirmed.setLanguage("fr");
    expect(refused.statusCode).toBe(409);
    expect(ZErrorBody.parse(refused.json()).error.code).toBe("identity_unconfirmed");
    const confirmed = await helpdeskDevice();
    const unknown = await confirmed.setLanguage("de");
    expect(unknown.statusCode).toBe(400);
    expect(ZErrorBody.parse(unknown.json()).error.message).toContain("language");
  });
});

describe("identity confirmation", () => {
  it("gives the new contact the Windows language reported for the profile", async () => {
    const { profile, agentToken, checkin } = await helpdeskDevice({ confirmed: false });
    await checkin({ locale: "fr-FR" });
    await getPrisma().identityToken.create({
      data: {
        profileId: profile.id,
        fullName: "Amélie Poulain",
        email: "amelie@example.test",
        tokenHash: hashSecret("K7Q4MZ92X"),
        expiresAt: new Date(Date.now() + 600_000),
      },
    });
    const confirmed = await gateway.inject({
      method: "POST",
      url: "/api/agent/v1/helpdesk/identity/confirm",
      headers: { authorization: `Bearer ${agentToken}` },
      payload: { profile: profile.name, token: "K7Q-4MZ-92X" },
    });
    expect(confirmed.statusCode).toBe(200);
    const contact = await getPrisma().contact.findFirstOrThrow({
      where: { email: "amelie@example.test" },
      select: { language: true, languageSource: true },
    });
    expect(contact).toEqual({ language: "fr", languageSource: "windows" });
  });
});
