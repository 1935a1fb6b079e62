import { createHash } from "node:crypto";
import { createMailTransport, deliverDueMail } from "@helpline/core";
import { SmtpSink } from "@helpline/core/testing";
import { getPrisma } from "@helpline/db";
import { createCustomerRow, createHelpdeskDeviceRow } from "@helpline/db/testing";
import {
  MAX_TICKET_ATTACHMENT_BYTES,
  ZCreateTicketResponse,
  ZErrorBody,
  ZListTicketsResponse,
} from "@helpline/protocol";
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

// The smallest valid PNG (1×1, transparent).
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
const errorOf = (response: { json: () => unknown }) => ZErrorBody.parse(response.json()).error;

async function confirmedDevice(options: { confirmed?: boolean } = {}) {
  const customer = await createCustomerRow();
  const row = await createHelpdeskDeviceRow({ customerId: customer.id, confirmed: options.confirmed });
  const headers = { authorization: `Bearer ${row.agentToken}` };
  const submit = (payload: object) =>
    gateway.inject({ method: "POST", url: "/api/agent/v1/helpdesk/tickets", headers, payload });
  const list = (profile = row.profile.name) =>
    gateway.inject({
      method: "GET",
      url: `/api/agent/v1/helpdesk/tickets?profile=${encodeURIComponent(profile)}`,
      headers,
    });
  const ticketBody = (extra: object = {}) => ({
    profile: row.profile.name,
    idempotencyKey: crypto.randomUUID(),
    title: "Outlook keeps crashing",
    description: "Since this morning.",
    ...extra,
  });
  return { ...row, customer, submit, list, ticketBody };
}

describe("POST /helpdesk/tickets", () => {
  it("creates a numbered ticket linked to customer, contact and device, with snapshot, attachments, audit and a receipt mail", async () => {
    const { customer, device, contact, submit, ticketBody } = await confirmedDevice();
    const response = await submit(
      ticketBody({
        priority: "high",
        attachments: [
          { name: "screenshot.png", contentType: "image/png", dataBase64: PNG },
          { name: "log.txt", contentType: "text/plain", dataBase64: Buffer.from("boom").toString("base64") },
        ],
        snapshot: { hostname: "PC-ALICE", os: "Windows 11 Pro 10.0.22631", ip: "10.0.0.12", agentVersion: "1.0.0" },
      }),
    );
    expect(response.statusCode).toBe(201);
    const created = ZCreateTicketResponse.parse(response.json());
    expect(created.number).toBeGreaterThanOrEqual(1001);
    expect(created.portalUrl).toBe(`http://localhost:80/portal/tickets/${created.number}`);

    const ticket = await getPrisma().ticket.findUniqueOrThrow({
      where: { id: created.ticketId },
      include: { attachments: true },
    });
    expect(ticket).toMatchObject({
      customerId: customer.id,
      contactId: contact!.id,
      deviceId: device.id,
      priority: "high",
      status: "open",
      source: "agent",
    });
    expect(ticket.snapshot).toMatchObject({
      hostname: "PC-ALICE",
      os: "Windows 11 Pro 10.0.22631",
      ip: "10.0.0.12",
      agentVersion: "1.0.0",
      user: "CONTOSO\\alice",
    });
    expect(ticket.attachments.map((file) => [file.name, file.contentType, file.size]).sort()).toEqual([
      ["log.txt", "text/plain", 4],
      ["screenshot.png", "image/png", 68],
    ]);
    expect(ticket.attachments.find((file) => file.name === "log.txt")!.sha256).toBe(
      createHash("sha256").update("boom").digest("hex"),
    );
    expect(
      await getPrisma().auditEvent.count({ where: { subject: `ticket:${ticket.id}`, action: "ticket.created" } }),
    ).toBe(1);

    while ((await deliverDueMail({ transport, to: contact!.email })).delivered > 0);
    const receipt = sink.messages.find((mail) => JSON.stringify(mail.to).includes(contact!.email));
    expect(receipt?.subject).toBe(`[#${created.number}] Outlook keeps crashing`);
    expect(receipt?.text).toContain(created.portalUrl);
  });

  it("numbers tickets in sequence", async () => {
    const { submit, ticketBody } = await confirmedDevice();
    const first = ZCreateTicketResponse.parse((await submit(ticketBody())).json()).number;
    const second = ZCreateTicketResponse.parse((await submit(ticketBody())).json()).number;
    expect(second).toBeGreaterThan(first);
  });

  it("answers a repeated idempotency key with the same ticket (200), even when the retries race", async () => {
    const { submit, ticketBody, device } = await confirmedDevice();
    const body = ticketBody();
    const first = await submit(body);
    expect(first.statusCode).toBe(201);
    const again = await submit(body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());

    const raced = ticketBody();
    const answers = await Promise.all(Array.from({ length: 5 }, () => submit(raced)));
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((answer) => answer.json().ticketId)).size).toBe(1);
    expect(await getPrisma().ticket.count({ where: { deviceId: device.id } })).toBe(2);
  });

  it("scopes a key to (device, profile): another profile on the device with the same key gets its own ticket", async () => {
    const alice = await confirmedDevice();
    const bobContact = await getPrisma().contact.create({
      data: { customerId: alice.customer.id, email: `${crypto.randomUUID()}@contoso.test`, fullName: "Bob Stone" },
    });
    const bob = await getPrisma().deviceProfile.create({
      data: { deviceId: alice.device.id, name: "CONTOSO\\bob", helpdeskActive: true, contactId: bobContact.id },
    });
    const key = crypto.randomUUID();
    const first = await alice.submit(alice.ticketBody({ idempotencyKey: key, title: "Alice's printer" }));
    expect(first.statusCode).toBe(201);
    const second = await alice.submit(alice.ticketBody({ idempotencyKey: key, profile: bob.name, title: "Bob's VPN" }));
    expect(second.statusCode).toBe(201);
    const [mine, his] = [ZCreateTicketResponse.parse(first.json()), ZCreateTicketResponse.parse(second.json())];
    expect(his.number).not.toBe(mine.number);
    expect(his.portalUrl).not.toBe(mine.portalUrl);
    expect(await getPrisma().ticket.findUniqueOrThrow({ where: { id: his.ticketId } })).toMatchObject({
      title: "Bob's VPN",
      contactId: bobContact.id,
    });
    expect(await getPrisma().ticket.findUniqueOrThrow({ where: { id: mine.ticketId } })).toMatchObject({
      title: "Alice's printer",
      contactId: alice.contact!.id,
    });
    // Each profile's retry finds its own ticket.
    expect(
      (await alice.submit(alice.ticketBody({ idempotencyKey: key, profile: bob.name, title: "Bob's VPN" }))).json(),
    ).toEqual(his);
    expect((await alice.submit(alice.ticketBody({ idempotencyKey: key, title: "Alice's printer" }))).json()).toEqual(
      mine,
    );
  });

  it("refuses the same key with other content (422 idempotency_key_reused) and keeps the first ticket as it was", async () => {
    const { submit, ticketBody, device } = await confirmedDevice();
    const snapshot = { hostname: "PC-ALICE", os: "Windows 11 Pro 10.0.22631", ip: "10.0.0.12", agentVersion: "1.0.0" };
    const body = ticketBody({
      priority: "high",
      attachments: [{ name: "screenshot.png", contentType: "image/png", dataBase64: PNG }],
      snapshot,
    });
    const first = await submit(body);
    expect(first.statusCode).toBe(201);
    const changes = [
      { title: "Outlook keeps crashing again" },
      { description: "Since yesterday." },
      { priority: "low" },
      { attachments: [] },
      {
        attachments: [
          {
            name: "screenshot.png",
            contentType: "image/png",
            dataBase64: Buffer.concat([Buffer.from(PNG, "base64"), Buffer.from([0])]).toString("base64"),
          },
        ],
      },
      { attachments: [{ name: "other-name.png", contentType: "image/png", dataBase64: PNG }] },
    ];
    for (const change of changes) {
      const refused = await submit({ ...body, ...change });
      expect(refused.statusCode, JSON.stringify(change)).toBe(422);
      expect(errorOf(refused)).toMatchObject({
        code: "idempotency_key_reused",
        message: expect.stringContaining("different ticket"),
      });
    }
    // What the agent adds by itself may change between retries (a queued ticket sent from another network).
    const retried = await submit({ ...body, snapshot: { ...snapshot, ip: "192.168.1.20" } });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toEqual(first.json());
    expect(
      await getPrisma().ticket.findMany({
        where: { deviceId: device.id },
        select: { title: true, description: true, priority: true },
      }),
    ).toEqual([{ title: "Outlook keeps crashing", description: "Since this morning.", priority: "high" }]);
  });

  it("retries racing with the same key and different content make one ticket, and never a 5xx", async () => {
    const { submit, ticketBody, device } = await confirmedDevice();
    const key = crypto.randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        submit(ticketBody({ idempotencyKey: key, title: index % 2 ? "Odd" : "Even" })),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    const ticket = await getPrisma().ticket.findFirstOrThrow({ where: { deviceId: device.id } });
    expect(await getPrisma().ticket.count({ where: { deviceId: device.id } })).toBe(1);
    answers.forEach((answer, index) => {
      const same = (index % 2 ? "Odd" : "Even") === ticket.title;
      expect(answer.statusCode).toBe(same ? (answer.statusCode === 201 ? 201 : 200) : 422);
    });
  });

  it("refuses an inactive helpdesk, an unconfirmed identity, a profile the device never reported", async () => {
    const unconfirmed = await confirmedDevice({ confirmed: false });
    const refused = await unconfirmed.submit(unconfirmed.ticketBody());
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe("identity_unconfirmed");
    expect(errorOf(await unconfirmed.list()).code).toBe("identity_unconfirmed");

    const { submit, ticketBody, profile } = await confirmedDevice();
    expect(errorOf(await submit(ticketBody({ profile: "CONTOSO\\mallory" }))).code).toBe("helpdesk_inactive");
    await getPrisma().deviceProfile.update({ where: { id: profile.id }, data: { helpdeskActive: false } });
    const inactive = await submit(ticketBody());
    expect(inactive.statusCode).toBe(403);
    expect(errorOf(inactive).code).toBe("helpdesk_inactive");
  });

  it("checks images against their bytes and refuses attachments over the limit with a 413 that says the limit and what to do", async () => {
    const { submit, ticketBody, device, agentToken } = await confirmedDevice();
    const fake = await submit(
      ticketBody({
        attachments: [
          {
            name: "x.png",
            contentType: "image/png",
            dataBase64: Buffer.from("<script>alert(1)</script>").toString("base64"),
          },
        ],
      }),
    );
    expect(fake.statusCode).toBe(400);
    expect(errorOf(fake)).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("not a image/png image"),
    });
    const svg = await submit(
      ticketBody({ attachments: [{ name: "x.tiff", contentType: "image/tiff", dataBase64: PNG }] }),
    );
    expect(errorOf(svg).code).toBe("invalid_request");

    const half = Buffer.alloc(MAX_TICKET_ATTACHMENT_BYTES / 2 + 1, 7).toString("base64");
    const tooLarge = await submit(
      ticketBody({
        attachments: [
          { name: "a.bin", contentType: "application/octet-stream", dataBase64: half },
          { name: "b.bin", contentType: "application/octet-stream", dataBase64: half },
        ],
      }),
    );
    expect(tooLarge.statusCode).toBe(413);
    expect(errorOf(tooLarge).code).toBe("payload_too_large");
    // One 9 MiB file: base64 makes the body 12 MiB and more.
    const nine = await submit(
      ticketBody({
        attachments: [
          {
            name: "dump.bin",
            contentType: "application/octet-stream",
            dataBase64: Buffer.alloc(9 * 1024 * 1024, 7).toString("base64"),
          },
        ],
      }),
    );
    expect(nine.statusCode).toBe(413);
    expect(errorOf(nine)).toEqual({
      code: "payload_too_large",
      message:
        "Attachments may total at most 8.8 MiB: they travel base64 in a request of at most 12 MiB (this request carried 12.0 MiB). Attach fewer or smaller files, or share a link in the description.",
    });
    const hugeBody = `{"pad":"${"z".repeat(13 * 1024 * 1024)}"}`;
    const huge = await gateway.inject({
      method: "POST",
      url: "/api/agent/v1/helpdesk/tickets",
      headers: { authorization: `Bearer ${agentToken}`, "content-type": "application/json" },
      payload: hugeBody,
    });
    expect(huge.statusCode).toBe(413);
    expect(errorOf(huge).message).toContain("(this request carried 13.0 MiB)");
    // Without a valid token, the 12 MiB body is not even read.
    const stranger = await gateway.inject({
      method: "POST",
      url: "/api/agent/v1/helpdesk/tickets",
      headers: { authorization: `Bearer x${"y".repeat(40)}`, "content-type": "application/json" },
      payload: hugeBody,
    });
    expect(stranger.statusCode).toBe(401);
    expect(await getPrisma().ticket.count({ where: { deviceId: device.id } })).toBe(0);
  });

  it("names the bad field of an invalid request", async () => {
    const { submit, ticketBody } = await confirmedDevice();
    expect(errorOf(await submit(ticketBody({ title: "" }))).message).toMatch(/^`title`/);
    expect(errorOf(await submit(ticketBody({ idempotencyKey: "x" }))).message).toMatch(/^`idempotencyKey`/);
    expect(errorOf(await submit(ticketBody({ priority: "urgent" }))).message).toMatch(/^`priority`/);
    expect(
      errorOf(await submit(ticketBody({ attachments: [{ name: "a", contentType: "text/plain", dataBase64: "!!" }] })))
        .message,
    ).toMatch(/^`attachments\.0\.dataBase64`/);
  });
});

describe("GET /helpdesk/tickets", () => {
  it("lists the contact's own tickets, latest first, and nobody else's", async () => {
    const mine = await confirmedDevice();
    const other = await confirmedDevice();
    await mine.submit(mine.ticketBody({ title: "First" }));
    await mine.submit(mine.ticketBody({ title: "Second" }));
    await other.submit(other.ticketBody({ title: "Not yours" }));
    const listed = ZListTicketsResponse.parse((await mine.list()).json());
    expect(listed.tickets.map((ticket) => [ticket.title, ticket.status])).toEqual([
      ["Second", "open"],
      ["First", "open"],
    ]);
    expect(errorOf(await mine.list("CONTOSO\\mallory")).code).toBe("helpdesk_inactive");
    const missing = await gateway.inject({
      method: "GET",
      url: "/api/agent/v1/helpdesk/tickets",
      headers: { authorization: `Bearer ${mine.agentToken}` },
    });
    expect(errorOf(missing)).toMatchObject({ code: "invalid_request", message: expect.stringMatching(/^`profile`/) });
  });
});
