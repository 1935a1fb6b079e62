import { createMailTransport, deliverDueMail, setDeviceHelpdesk } from "@helpline/core";
import { SmtpSink } from "@helpline/core/testing";
import { getPrisma } from "@helpline/db";
import { createCustomerRow, createTechnicianRow, enrollBody, unique } from "@helpline/db/testing";
import { ZCheckinResponse, ZEnrollResponse, ZErrorBody } from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGateway } from "../build-gateway.ts";

let gateway: FastifyInstance;
const sink = new SmtpSink();
let transport: ReturnType<typeof createMailTransport>;
beforeAll(async () => {
  gateway = await buildGateway();
  await gateway.ready();
  transport = createMailTransport({
    mode: "smtp",
    url: await sink.start(),
    from: "Helpline <helpdesk@example.test>",
    replyTo: "helpdesk@example.test",
  });
});
afterAll(async () => {
  transport.close();
  await sink.stop();
  await gateway.close();
});

const PROFILE = "CONTOSO\\alice";
const os = { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" };

/** An enrolled Windows workstation with alice signed in and the Helpdesk Agent active for her. */
async function activeDevice(options: { activate?: boolean } = {}) {
  const customer = await createCustomerRow();
  const { deviceId, agentToken } = ZEnrollResponse.parse(
    (
      await gateway.inject({ method: "POST", url: "/api/agent/v1/enroll", payload: enrollBody(customer.installKey) })
    ).json(),
  );
  const auth = { authorization: `Bearer ${agentToken}` };
  const checkin = async () =>
    ZCheckinResponse.parse(
      (
        await gateway.inject({
          method: "POST",
          url: "/api/agent/v1/checkin",
          headers: auth,
          payload: { agentVersion: "1.0.0", hostname: "PC-ALICE", os, currentProfile: { name: PROFILE } },
        })
      ).json(),
    );
  await checkin();
  if (options.activate !== false) {
    const technician = await createTechnicianRow();
    await setDeviceHelpdesk({
      actor: { id: technician.id, role: "technician" },
      input: { deviceId, action: "activate" },
    });
  }
  const post = (path: string, payload: object, headers: Record<string, string> = {}) =>
    gateway.inject({
      method: "POST",
      url: `/api/agent/v1/helpdesk/identity/${path}`,
      headers: { ...auth, ...headers },
      payload,
    });
  return { customer, deviceId, checkin, post };
}

/** Delivers the outbox through the real SMTP sink and returns the token from the newest mail to `email`. */
async function tokenMailedTo(email: string): Promise<string> {
  while ((await deliverDueMail({ transport, to: email })).delivered > 0);
  const mail = sink.messages.filter((message) => JSON.stringify(message.to).includes(email)).at(-1);
  expect(mail?.subject).toBe("Your Helpline confirmation token");
  const line = mail!
    .text!.split("\n")
    .find((candidate) => /^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}$/.test(candidate.trim()));
  expect(line, "the token stands on a line of its own").toBeDefined();
  expect(mail!.html).toContain(line!.trim());
  return line!.trim();
}

const errorCode = (response: { json: () => unknown }) => ZErrorBody.parse(response.json()).error;

describe("identity confirmation", () => {
  it("emails a token that confirms the profile and makes the person a contact of the customer", async () => {
    const { customer, deviceId, post, checkin } = await activeDevice();
    const email = `${unique("alice")}@Contoso.test`;
    const sent = await post("send-token", { profile: PROFILE, fullName: "Alice Martin", email });
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toEqual({ sentTo: email.toLowerCase(), expiresInSeconds: 900 });
    const token = await tokenMailedTo(email.toLowerCase());
    expect(sent.body).not.toContain(token);

    const wrong = await post("confirm", { profile: PROFILE, token: "AAA-AAA-AAA" });
    expect(wrong.statusCode).toBe(400);
    expect(errorCode(wrong)).toMatchObject({ code: "invalid_token", message: expect.stringContaining("4 tries left") });

    const confirmed = await post("confirm", {
      profile: PROFILE,
      token: ` ${token.toLowerCase().replaceAll("-", " ")} `,
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({
      identity: { confirmed: true, fullName: "Alice Martin", email: email.toLowerCase() },
    });
    expect((await checkin()).helpdesk).toEqual({
      active: true,
      identity: { confirmed: true, fullName: "Alice Martin", email: email.toLowerCase() },
      language: "en",
    });

    const contact = await getPrisma().contact.findUniqueOrThrow({
      where: { customerId_email: { customerId: customer.id, email: email.toLowerCase() } },
    });
    expect(contact.fullName).toBe("Alice Martin");
    const actions = (
      await getPrisma().auditEvent.findMany({
        where: { subject: `device:${deviceId}`, action: { startsWith: "identity." } },
      })
    )
      .map((event) => event.action)
      .sort();
    expect(actions).toEqual(["identity.confirmed", "identity.token_sent"]);
    expect(errorCode(await post("confirm", { profile: PROFILE, token }))).toMatchObject({ code: "invalid_token" }); // single use
  });

  it("burns the token after 5 wrong tries, refuses an expired one, and a new Send Token replaces the old", async () => {
    const { post } = await activeDevice();
    const email = `${unique("bob")}@contoso.test`;
    await post("send-token", { profile: PROFILE, fullName: "Bob", email });
    const token = await tokenMailedTo(email);
    for (let attempt = 1; attempt <= 4; attempt++)
      expect((await post("confirm", { profile: PROFILE, token: "ZZZ-ZZZ-ZZZ" })).statusCode).toBe(400);
    const fifth = await post("confirm", { profile: PROFILE, token: "ZZZ-ZZZ-ZZZ" });
    expect(fifth.statusCode).toBe(429);
    expect(errorCode(fifth).code).toBe("too_many_attempts");
    expect(errorCode(await post("confirm", { profile: PROFILE, token })).code).toBe("invalid_token");

    await post("send-token", { profile: PROFILE, fullName: "Bob", email });
    const older = await tokenMailedTo(email);
    await post("send-token", { profile: PROFILE, fullName: "Bob", email });
    const newer = await tokenMailedTo(email);
    expect(errorCode(await post("confirm", { profile: PROFILE, token: older })).code).toBe("invalid_token");
    await getPrisma().identityToken.updateMany({ where: { email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(errorCode(await post("confirm", { profile: PROFILE, token: newer })).message).toContain("expired");
  });

  it("throttles Send Token to 3 per 15 minutes per profile and per address, with retry-after", async () => {
    const { post } = await activeDevice();
    const email = `${unique("carol")}@contoso.test`;
    for (let send = 0; send < 3; send++)
      expect(
        (await post("send-token", { profile: PROFILE, fullName: "Carol", email: `${send}-${email}` })).statusCode,
      ).toBe(202);
    const fourth = await post("send-token", { profile: PROFILE, fullName: "Carol", email: `x-${email}` });
    expect(fourth.statusCode).toBe(429);
    expect(errorCode(fourth).code).toBe("too_many_requests");
    expect(Number(fourth.headers["retry-after"])).toBeGreaterThan(800);

    const other = await activeDevice();
    expect(
      (await other.post("send-token", { profile: PROFILE, fullName: "Carol", email: `0-${email}` })).statusCode,
    ).toBe(202);
    const shared = `${unique("dave")}@contoso.test`;
    const devices = [await activeDevice(), await activeDevice(), await activeDevice(), await activeDevice()];
    const statuses = [];
    for (const device of devices)
      statuses.push(
        (await device.post("send-token", { profile: PROFILE, fullName: "Dave", email: shared })).statusCode,
      );
    expect(statuses).toEqual([202, 202, 202, 429]);
  });

  it("refuses a profile without the Helpdesk Agent, an unknown profile, and a bad address", async () => {
    const inactive = await activeDevice({ activate: false });
    const refused = await inactive.post("send-token", { profile: PROFILE, fullName: "Eve", email: "eve@contoso.test" });
    expect(refused.statusCode).toBe(403);
    expect(errorCode(refused).code).toBe("helpdesk_inactive");
    const { post } = await activeDevice();
    expect(
      errorCode(await post("send-token", { profile: "CONTOSO\\mallory", fullName: "M", email: "m@contoso.test" })).code,
    ).toBe("helpdesk_inactive");
    const bad = await post("send-token", { profile: PROFILE, fullName: "Eve", email: "not-an-email" });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad).message).toContain("email");
    expect(errorCode(await post("confirm", { profile: PROFILE, token: "ABC-DEF-GHJ" })).message).toContain(
      "no token waiting",
    );
  });
});

describe("refusals in the language the local page shows (Accept-Language)", () => {
  it("writes each refusal in French for a French page and word for word in English without the header", async () => {
    const { post } = await activeDevice();
    const french = (path: string, payload: object) => post(path, payload, { "accept-language": "fr-FR,fr;q=0.9" });
    const message = async (response: Promise<{ json: () => unknown }>) => errorCode(await response).message;

    expect(await message(post("confirm", { profile: PROFILE, token: "AAA-AAA-AAA" }))).toBe(
      "There is no token waiting for this user: use Send Token first.",
    );
    expect(await message(french("confirm", { profile: PROFILE, token: "AAA-AAA-AAA" }))).toBe(
      "Aucun jeton n'attend cet utilisateur : utilisez d'abord Envoyer un jeton.",
    );
    expect(await message(french("send-token", { profile: PROFILE, fullName: "Alice", email: "pas une adresse" }))).toBe(
      "Saisissez une adresse e-mail valide.",
    );

    const email = `${unique("alice")}@contoso.test`;
    expect((await french("send-token", { profile: PROFILE, fullName: "Alice Martin", email })).statusCode).toBe(202);
    const wrong = await french("confirm", { profile: PROFILE, token: "AAA-AAA-AAA" });
    expect(wrong.statusCode).toBe(400);
    expect(errorCode(wrong)).toMatchObject({
      code: "invalid_token",
      message: "Ce jeton n'est pas le bon. 4 essais restants.",
    });
    expect(await message(post("confirm", { profile: PROFILE, token: "AAA-AAA-AAA" }))).toBe(
      "This token is not right. 3 tries left.",
    );

    // The throttle (3 tokens per 15 minutes per profile) names the minutes to wait, in French.
    for (let sent = 1; sent < 3; sent++)
      expect((await french("send-token", { profile: PROFILE, fullName: "Alice Martin", email })).statusCode).toBe(202);
    const throttled = await french("send-token", { profile: PROFILE, fullName: "Alice Martin", email });
    expect(throttled.statusCode).toBe(429);
    expect(errorCode(throttled)).toMatchObject({
      code: "too_many_requests",
      message: expect.stringMatching(/^Trop de jetons demandés\. Réessayez dans 1[45] minutes\.$/),
    });
  });

  it("writes the token mail in the page's language for an address that is no contact yet, else in the profile's", async () => {
    const { post } = await activeDevice();
    const mailTo = async (email: string) => {
      while ((await deliverDueMail({ transport, to: email })).delivered > 0);
      return sink.messages.filter((message) => JSON.stringify(message.to).includes(email)).at(-1);
    };
    // The profile speaks English (no Windows language, the MSP's default); the page was switched to French.
    const french = `${unique("amelie")}@contoso.test`;
    const fromPage = { profile: PROFILE, fullName: "Amélie Poulain", email: french };
    expect((await post("send-token", fromPage, { "accept-language": "fr" })).statusCode).toBe(202);
    const mail = await mailTo(french);
    expect(mail?.subject).toBe("Votre jeton de confirmation Helpline");
    expect(mail?.text).toContain("Bonjour Amélie Poulain,");

    const english = `${unique("frank")}@contoso.test`;
    const fromCli = { profile: PROFILE, fullName: "Frank", email: english };
    expect((await post("send-token", fromCli, { "accept-language": "de-DE" })).statusCode).toBe(202);
    expect((await mailTo(english))?.subject).toBe("Your Helpline confirmation token");
  });

  it("answers a German page in English, the language of last resort", async () => {
    const { post } = await activeDevice();
    const answer = await post("confirm", { profile: PROFILE, token: "AAA-AAA-AAA" }, { "accept-language": "de-DE" });
    expect(errorCode(answer).message).toBe("There is no token waiting for this user: use Send Token first.");
  });
});
