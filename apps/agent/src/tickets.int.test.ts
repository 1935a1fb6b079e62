import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getPrisma } from "@helpline/db";
import { createCustomerRow, createHelpdeskDeviceRow } from "@helpline/db/testing";
import { slaScene } from "@helpline/core/testing";
import { buildGateway } from "@helpline/gateway";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AgentClient, ProtocolError } from "./agent-client.ts";
import { checkinRequest } from "./checkin-loop.ts";
import { EndUserSurfaces } from "./end-user/end-user-surfaces.ts";
import type { Inventory } from "./system/inventory.ts";
import { newTicketRequest } from "./tickets/new-ticket-request.ts";
import { TicketOutbox } from "./tickets/ticket-outbox.ts";
import { TicketQueue } from "./tickets/ticket-queue.ts";
import { downServer } from "./testing/down-server.ts";
import { ReplyNotifications } from "./end-user/reply-notifications.ts";
import { fakeServiceChannel } from "./testing/fake-service-channel.ts";
import { connectTrays } from "./tray/tray-channel.ts";
import { main } from "./cli.ts";
import { writeState } from "./state-store.ts";

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
const SCREEN = Buffer.from("89504e470d0a1a0a0000000d49484452000007800000043808060000", "hex");

let gateway: FastifyInstance;
let server: string;
beforeAll(async () => {
  gateway = await buildGateway();
  server = await gateway.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(() => gateway.close());

const inventory = (profile: string): Inventory => ({
  hostname: "PC-ALICE",
  os: { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" },
  ip: "10.0.0.12",
  currentProfile: { name: profile, displayName: "Alice Martin" },
});

/** An agent for a factory device, showing its end-user surfaces as `run` does, with a fake screen. */
async function agentFor(options: { confirmed: boolean; serverUrl?: string }) {
  const customer = await createCustomerRow();
  const { device, agentToken, profile } = await createHelpdeskDeviceRow({
    customerId: customer.id,
    confirmed: options.confirmed,
  });
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-tickets-"));
  const live = new AgentClient(server, agentToken);
  const client = new AgentClient(options.serverUrl ?? server, agentToken);
  const queue = new TicketQueue(stateDir);
  const outbox = new TicketOutbox(queue, client);
  const surfaces = new EndUserSurfaces({
    log: () => {},
    client,
    outbox,
    captureScreen: async () => SCREEN,
  });
  const seen = inventory(profile.name);
  await surfaces.follow(await live.checkin(checkinRequest(seen)), seen);
  const url = surfaces.localPageUrl!;
  const first = await fetch(url);
  const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
  const base = new URL(url).origin;
  const get = (pathname: string) => fetch(`${base}${pathname}`, { headers: { cookie }, redirect: "manual" });
  const post = (pathname: string, body: FormData) =>
    fetch(`${base}${pathname}`, { method: "POST", body, headers: { cookie, origin: base }, redirect: "manual" });
  return { device, profile, queue, outbox, surfaces, get, post, seen, agentToken, stateDir, live, base, cookie };
}

async function fillAddTicket(
  get: (pathname: string) => Promise<Response>,
  fields: { title: string; description: string },
) {
  const html = await (await get("/add-ticket")).text();
  const key = /name="key" value="([^"]+)"/.exec(html)![1]!;
  const screenshot = /name="screenshot" value="([^"]+)"/.exec(html)![1]!;
  const form = new FormData();
  form.append("key", key);
  form.append("screenshot", screenshot);
  form.append("title", fields.title);
  form.append("description", fields.description);
  form.append("attachments", new Blob([PNG], { type: "image/png" }), "error-dialog.png");
  return { form, key };
}

describe("tickets from the agent, against a real server", () => {
  it("Add Ticket on the local page stores the ticket with its attachment and the screenshot, and My tickets lists it", async () => {
    const agent = await agentFor({ confirmed: true });
    try {
      const { form, key } = await fillAddTicket(agent.get, {
        title: "Outlook keeps crashing",
        description: "Since the update.",
      });
      const html = await (await agent.post("/add-ticket", form)).text();
      const number = Number(/Ticket #(\d+) created/.exec(html)?.[1]);
      expect(number).toBeGreaterThan(0);
      expect(html).toMatch(
        new RegExp(`<a href="https?://[^"]+/portal/tickets/${number}">View it in the Customer Portal</a>`),
      );

      const ticket = await getPrisma().ticket.findUniqueOrThrow({
        where: {
          deviceId_profileId_idempotencyKey: {
            deviceId: agent.device.id,
            profileId: agent.profile.id,
            idempotencyKey: key,
          },
        },
        include: { attachments: true },
      });
      expect(ticket).toMatchObject({
        number,
        title: "Outlook keeps crashing",
        description: "Since the update.",
        source: "agent",
      });
      expect(ticket.snapshot).toMatchObject({ hostname: "PC-ALICE", os: "Windows 11 Pro 10.0.22631", ip: "10.0.0.12" });
      const files = Object.fromEntries(ticket.attachments.map((file) => [file.name, Buffer.from(file.data)]));
      expect(Object.keys(files).sort()).toEqual(["error-dialog.png", "screenshot.png"]);
      expect(files["error-dialog.png"]!.equals(PNG)).toBe(true);
      expect(files["screenshot.png"]!.equals(SCREEN)).toBe(true);
      expect(agent.queue.pending()).toEqual([]);

      // The same form submitted again (a browser's resubmit) is still the one ticket.
      expect(await (await agent.post("/add-ticket", form)).text()).toContain(`Ticket #${number} created`);
      expect(await getPrisma().ticket.count({ where: { deviceId: agent.device.id } })).toBe(1);

      const list = await (await agent.get("/tickets")).text();
      expect(list).toContain(`<td>#${number}</td><td>Outlook keeps crashing</td><td>Open</td>`);
    } finally {
      await agent.surfaces.stop();
    }
  });

  it("while the identity is unconfirmed, Add Ticket leads to Personal Info Settings and says why", async () => {
    const agent = await agentFor({ confirmed: false });
    try {
      const response = await agent.get("/add-ticket");
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/settings?for=ticket");
      const settings = await (await agent.get(response.headers.get("location")!)).text();
      expect(settings).toContain("Confirm your identity before you create a ticket: we need to know who to answer.");
      expect(settings).toContain("Send Token");
    } finally {
      await agent.surfaces.stop();
    }
  });

  it(
    "keeps a ticket typed while the server is down, shows it as waiting, and delivers it once when the server is back",
    { timeout: 30_000 },
    async () => {
      const down = await downServer();
      const agent = await agentFor({ confirmed: true, serverUrl: down.url });
      let revived: FastifyInstance | null = null;
      try {
        const { form, key } = await fillAddTicket(agent.get, {
          title: `Offline ${Date.now()}`,
          description: "Typed on a plane.",
        });
        expect(await (await agent.post("/add-ticket", form)).text()).toContain(
          "Saved. It will be sent when the server can be reached.",
        );
        expect(agent.queue.pending().map((entry) => entry.meta.idempotencyKey)).toEqual([key]);
        const list = await (await agent.get("/tickets")).text();
        expect(list).toMatch(/<td>Offline \d+<\/td><td>Waiting to send<\/td>/);
        expect(list).toContain("Cannot reach the Helpline server right now.");

        const gateway = await buildGateway();
        revived = gateway;
        await down.bringUp((port) => gateway.listen({ port, host: "127.0.0.1" }));
        await Promise.all([agent.outbox.flush(), agent.outbox.flush()]);
        await agent.outbox.flush();
        const rows = await getPrisma().ticket.findMany({
          where: { deviceId: agent.device.id },
          include: { attachments: true },
        });
        expect(rows.map((row) => [row.idempotencyKey, row.attachments.length])).toEqual([[key, 2]]);
        expect(agent.queue.pending()).toEqual([]);
        expect(await (await agent.get("/tickets")).text()).not.toContain("Waiting to send");
      } finally {
        await agent.surfaces.stop();
        await (revived as FastifyInstance | null)?.close();
        await down.release();
      }
    },
  );

  it("a French page's Add Ticket refused by the server says why in French, on the form and in My tickets", async () => {
    const agent = await agentFor({ confirmed: true });
    try {
      const chosen = await fetch(new URL("/language", agent.base), {
        method: "POST",
        body: new URLSearchParams({ language: "fr" }),
        headers: { cookie: agent.cookie, origin: agent.base },
        redirect: "manual",
      });
      expect(await chosen.text()).toContain('<html lang="fr">');
      const { form } = await fillAddTicket(agent.get, { title: "Imprimante bloquée", description: "" });
      const created = await (await agent.post("/add-ticket", form)).text();
      expect(created).toMatch(/Ticket n° \d+ créé/);
      // The same form, changed: its key already made a ticket, so the server refuses it (422).
      form.set("title", "VPN en panne");
      const refused = await (await agent.post("/add-ticket", form)).text();
      expect(refused).toContain('<html lang="fr">');
      expect(refused).toContain("Un autre ticket (n° ");
      expect(refused).not.toContain("A different ticket");
      const list = await (await agent.get("/tickets")).text();
      expect(list).toContain("<td>VPN en panne</td><td>Non envoyé : Un autre ticket (n° ");
    } finally {
      await agent.surfaces.stop();
    }
  });

  it("moves a ticket the server refuses aside with the server's words, and My tickets shows it until dismissed", async () => {
    const agent = await agentFor({ confirmed: false });
    try {
      const client = new AgentClient(server, agent.agentToken);
      const outbox = new TicketOutbox(agent.queue, client);
      const outcome = await outbox.submit(
        newTicketRequest(
          { title: "Before confirming", description: "", attachments: [] },
          agent.profile.name,
          agent.seen,
        ),
      );
      expect(outcome).toMatchObject({ kind: "refused", status: 403 });
      expect(agent.queue.pending()).toEqual([]);
      expect(outbox.unsent(agent.profile.name).failed.map((meta) => [meta.title, meta.failure?.code])).toEqual([
        ["Before confirming", "identity_unconfirmed"],
      ]);
      const list = await (await agent.get("/tickets")).text();
      expect(list).toContain(
        "<td>Before confirming</td><td>Not sent: Confirm your identity in Personal Info Settings first",
      );
      outbox.dismiss(outbox.unsent(agent.profile.name).failed[0]!.idempotencyKey);
      expect(outbox.unsent(agent.profile.name).failed).toEqual([]);
    } finally {
      await agent.surfaces.stop();
    }
  });

  it("a ticket refused because its key already made another ticket (422) goes to queue/failed with the server's reason, and is not resent", async () => {
    const agent = await agentFor({ confirmed: true });
    try {
      const sent = await agent.outbox.submit(
        newTicketRequest({ title: "Printer jammed", description: "", attachments: [] }, agent.profile.name, agent.seen),
      );
      expect(sent).toMatchObject({ kind: "created" });
      const key = (await getPrisma().ticket.findFirstOrThrow({ where: { deviceId: agent.device.id } })).idempotencyKey!;
      // Another ticket saved under the same key (a copied state directory, a reused form).
      const outcome = await agent.outbox.submit(
        newTicketRequest(
          { title: "VPN is down", description: "Since 9:00.", attachments: [], idempotencyKey: key },
          agent.profile.name,
          agent.seen,
        ),
      );
      expect(outcome).toMatchObject({ kind: "refused", status: 422, code: "idempotency_key_reused" });
      expect(agent.queue.pending()).toEqual([]);
      const [failed] = agent.queue.failed();
      expect(failed!.meta).toMatchObject({
        title: "VPN is down",
        failure: { status: 422, code: "idempotency_key_reused" },
      });
      expect(agent.queue.read(failed!)).toMatchObject({
        title: "VPN is down",
        description: "Since 9:00.",
        idempotencyKey: key,
      });
      const list = await (await agent.get("/tickets")).text();
      expect(list).toContain("<td>VPN is down</td><td>Not sent: A different ticket (#");
      await agent.outbox.flush();
      expect(agent.queue.failed()).toHaveLength(1);
      expect(await getPrisma().ticket.count({ where: { deviceId: agent.device.id } })).toBe(1);
    } finally {
      await agent.surfaces.stop();
    }
  });

  it("asks for a one-time portal link and lists the contact's tickets (a server without portal-link: a clear 404 ProtocolError)", async () => {
    const customer = await createCustomerRow();
    const { agentToken, profile } = await createHelpdeskDeviceRow({ customerId: customer.id });
    const client = new AgentClient(server, agentToken);
    const answer = await client.portalLink(profile.name).catch((error: unknown) => error);
    if (answer instanceof ProtocolError) {
      expect(answer.status).toBe(404);
      expect(answer.message).toMatch(/No route for POST .*portal-link|does not offer/);
    } else {
      expect(answer).toMatchObject({ url: expect.stringMatching(/^https?:\/\//) });
    }
    const listed = await client.listTickets(profile.name);
    expect(listed.tickets).toEqual([]);
  });

  it("a Windows tray's Create New Ticket opens Add Ticket with the tray's screenshot, and a reply's click a portal link", async () => {
    const agent = await agentFor({ confirmed: true });
    const service = fakeServiceChannel();
    const notifications = new ReplyNotifications();
    connectTrays({
      channel: service.channel,
      surfaces: agent.surfaces,
      notifications,
      client: agent.live,
      log: () => {},
    });
    const opened = () => service.sent(3).filter((line) => line.startsWith("open\t"));
    const lastOpen = async (count: number) => {
      await vi.waitFor(() => expect(opened()).toHaveLength(count), { timeout: 10_000 });
      return opened()[count - 1]!.slice("open\t".length);
    };
    try {
      service.trayOpens(3, agent.profile.name);
      expect(service.sent(3).at(-1)).toBe("state\t1\tHelpline Helpdesk");
      service.trayLine(3, `action\tadd-ticket\t${PNG.toString("base64")}`);
      const addTicket = await lastOpen(1);
      expect(addTicket).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/add-ticket\?shot=[\w-]+&s=[\w-]{32}$/);
      // A browser with no cookie yet opens it by that link, and finds the tray's screenshot in the form.
      const html = await (await fetch(addTicket)).text();
      const shot = /shot=([\w-]+)/.exec(addTicket)![1]!;
      expect(html).toContain(`name="screenshot" value="${shot}"`);
      const png = await fetch(
        `${new URL(addTicket).origin}/screenshot/${shot}?s=${new URL(addTicket).searchParams.get("s")}`,
      );
      expect(Buffer.from(await png.arrayBuffer())).toEqual(PNG);

      notifications.take([
        {
          id: "r1",
          kind: "reply",
          profile: agent.profile.name,
          ticketNumber: 1042,
          title: "Printer",
          from: "Sam",
          at: "2026-11-30T23:00:00Z",
        },
      ]);
      service.trayLine(3, "notification-click\tr1");
      const portal = await lastOpen(2);
      expect(portal).toMatch(/^https?:\/\/.+\?next=%2Fportal%2Ftickets%2F1042$/);
    } finally {
      await agent.surfaces.stop();
    }
  });

  it("helpline-agent ticket prints the new number, portal address and when the first reply is due, and a refusal's reason with a non-zero exit", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      for (const confirmed of [true, false]) {
        // A customer with its own SLA on a Paris calendar: the server says when the first reply is due.
        const { customer } = await slaScene({ timeZone: "Europe/Paris" });
        const { device, agentToken, profile } = await createHelpdeskDeviceRow({ customerId: customer.id, confirmed });
        const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-cli-ticket-"));
        writeState(stateDir, {
          server,
          deviceId: device.id,
          agentToken,
          machineId: `cli-${device.id}`,
          enrolledAt: new Date().toISOString(),
          lastCheckinAt: null,
          stateVersion: null,
          currentProfile: null,
          helpdesk: null,
        });
        const inventoryFile = path.join(stateDir, "inventory.json");
        // This machine is the one the device was enrolled from: its machine id goes with the token.
        fs.writeFileSync(inventoryFile, JSON.stringify({ ...inventory(profile.name), machineId: device.machineId }));
        const attachment = path.join(stateDir, "trace.log");
        fs.writeFileSync(attachment, "stack trace");
        process.env.HELPLINE_AGENT_INVENTORY_FILE = inventoryFile;
        const code = await main([
          "ticket",
          "--title",
          "Printer offline",
          "--description",
          "Floor 2",
          "--attach",
          attachment,
          "--priority",
          "high",
          "--state-dir",
          stateDir,
        ]);
        if (confirmed) {
          expect(code).toBe(0);
          const ticket = await getPrisma().ticket.findFirstOrThrow({
            where: { deviceId: device.id },
            include: { attachments: true },
          });
          expect(log.mock.calls.flat().join("\n")).toMatch(
            new RegExp(`Ticket #${ticket.number} created: https?://\\S+/portal/tickets/${ticket.number}`),
          );
          expect(log.mock.calls.flat().join("\n")).toMatch(/^We will reply by .+, \d\d:\d\d CES?T\.$/m);
          expect(ticket).toMatchObject({ title: "Printer offline", priority: "high" });
          expect(ticket.attachments.map((file) => [file.name, file.contentType])).toEqual([
            ["trace.log", "text/plain"],
          ]);
        } else {
          expect(code).toBe(1);
          expect(error.mock.calls.flat().join("\n")).toContain("Confirm your identity in Personal Info Settings first");
          expect(new TicketQueue(stateDir).failed()).toHaveLength(1);
        }
      }
    } finally {
      delete process.env.HELPLINE_AGENT_INVENTORY_FILE;
      vi.restoreAllMocks();
    }
  });
});
