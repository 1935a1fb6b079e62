import { getPrisma } from "@helpline/db";
import { createCustomerRow, createHelpdeskDeviceRow, unique } from "@helpline/db/testing";
import { ZErrorBody } from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGateway } from "../build-gateway.ts";

// Read-then-write races show only on PostgreSQL (PGlite runs one transaction at a time); on PGlite
// these tests check the same rules, one request after the other.
let gateway: FastifyInstance;
beforeAll(async () => {
  gateway = await buildGateway();
  await gateway.ready();
});
afterAll(() => gateway.close());

async function helpdeskDevice(customerId?: string) {
  const row = await createHelpdeskDeviceRow({
    customerId: customerId ?? (await createCustomerRow()).id,
    confirmed: false,
  });
  const post = (path: string, payload: object) =>
    gateway.inject({
      method: "POST",
      url: `/api/agent/v1/helpdesk/identity/${path}`,
      headers: { authorization: `Bearer ${row.agentToken}` },
      payload,
    });
  return { ...row, post };
}

/** The token of the newest mail to `email`, read from the outbox (it is never in an answer). */
async function outboxToken(email: string): Promise<string> {
  const mail = await getPrisma().outboxMessage.findFirstOrThrow({
    where: { to: email },
    orderBy: { createdAt: "desc" },
  });
  return /^([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})$/m.exec(mail.text!)![1]!;
}

const wrongTokens = (count: number) =>
  Array.from({ length: count }, (_, index) => `ZZZ-ZZZ-${String(index).padStart(3, "2").replace(/[01]/g, "2")}`);

describe("identity tokens under concurrent requests", () => {
  it("30 wrong tokens at once: at most 5 are checked, the token is burnt, nothing answers 5xx", async () => {
    const { post, profile } = await helpdeskDevice();
    const email = `${unique("race")}@contoso.test`;
    expect((await post("send-token", { profile: profile.name, fullName: "Race Condition", email })).statusCode).toBe(
      202,
    );
    const token = await outboxToken(email);

    const answers = await Promise.all(
      wrongTokens(30).map((wrong) => post("confirm", { profile: profile.name, token: wrong })),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    const errors = answers.map((answer) => ZErrorBody.parse(answer.json()).error);
    // Each wrong guess that was checked says how many tries are left: 4, 3, 2, 1, and the 5th burns it.
    const left = errors
      .filter((error) => /(try|tries) left/.test(error.message))
      .map((error) => error.message)
      .sort();
    expect(left).toEqual([
      "This token is not right. 1 try left.",
      "This token is not right. 2 tries left.",
      "This token is not right. 3 tries left.",
      "This token is not right. 4 tries left.",
    ]);
    expect(errors.filter((error) => error.code === "too_many_attempts")).toHaveLength(1);
    expect(statuses.filter((status) => status === 400)).toHaveLength(29);

    const right = await post("confirm", { profile: profile.name, token });
    expect(right.statusCode).toBe(400);
    expect(ZErrorBody.parse(right.json()).error.code).toBe("invalid_token");
    expect(await getPrisma().deviceProfile.findUniqueOrThrow({ where: { id: profile.id } })).toMatchObject({
      contactId: null,
    });
  });

  it("10 Send Tokens at once for one profile, or for one address from 10 devices: exactly 3 go out", async () => {
    const { post, profile } = await helpdeskDevice();
    const stem = unique("burst");
    const byProfile = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        post("send-token", { profile: profile.name, fullName: "Burst", email: `${index}-${stem}@contoso.test` }),
      ),
    );
    expect(byProfile.map((answer) => answer.statusCode).sort()).toEqual([202, 202, 202, ...Array(7).fill(429)]);
    expect(await getPrisma().identityTokenSend.count({ where: { profileId: profile.id } })).toBe(3);

    const shared = `${unique("shared")}@contoso.test`;
    const devices = await Promise.all(Array.from({ length: 10 }, () => helpdeskDevice()));
    const byAddress = await Promise.all(
      devices.map((device) =>
        device.post("send-token", { profile: device.profile.name, fullName: "Shared", email: shared }),
      ),
    );
    expect(byAddress.map((answer) => answer.statusCode).sort()).toEqual([202, 202, 202, ...Array(7).fill(429)]);
    expect(await getPrisma().outboxMessage.count({ where: { to: shared } })).toBe(3);
  });

  it("the right token sent 5 times at once confirms once; two devices confirming one address make one contact", async () => {
    const customer = await createCustomerRow();
    const email = `${unique("twice")}@contoso.test`;
    const [first, second] = await Promise.all([helpdeskDevice(customer.id), helpdeskDevice(customer.id)]);
    for (const device of [first, second])
      expect(
        (await device.post("send-token", { profile: device.profile.name, fullName: "Twice", email })).statusCode,
      ).toBe(202);
    const tokens = (
      await getPrisma().outboxMessage.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } })
    ).map((mail) => /^([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})$/m.exec(mail.text!)![1]!);

    const answers = await Promise.all([
      ...Array.from({ length: 5 }, () => first.post("confirm", { profile: first.profile.name, token: tokens[0]! })),
      second.post("confirm", { profile: second.profile.name, token: tokens[1]! }),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 200, 400, 400, 400, 400]);
    const contacts = await getPrisma().contact.findMany({ where: { customerId: customer.id, email } });
    expect(contacts).toHaveLength(1);
    expect(await getPrisma().deviceProfile.count({ where: { contactId: contacts[0]!.id } })).toBe(2);
    expect(
      await getPrisma().auditEvent.count({
        where: {
          action: "identity.confirmed",
          subject: { in: [first.device.id, second.device.id].map((id) => `device:${id}`) },
        },
      }),
    ).toBe(2);
  });
});
