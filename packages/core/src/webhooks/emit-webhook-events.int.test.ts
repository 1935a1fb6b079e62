import { getPrisma } from "@helpline/db";
import { ZEnrollRequest } from "@helpline/protocol";
import {
  createCustomerRow,
  createDeviceRow,
  createHelpdeskDeviceRow,
  createTechnicianRow,
  enrollBody,
  unique,
} from "@helpline/db/testing";
import { afterEach, describe, expect, it } from "vitest";
import { enrollDevice } from "../devices/enroll-device.ts";
import { applyHelpdeskAction } from "../helpdesk/apply-helpdesk-action.ts";
import { setDeviceHelpdesk } from "../helpdesk/set-device-helpdesk.ts";
import { ingestMail } from "../inbound-mail/ingest-mail.ts";
import { contactScene, rawMail } from "../testing/inbound-mail-scene.ts";
import { refreshTicketSla } from "../sla/refresh-ticket-sla.ts";
import { sendSlaAlerts } from "../sla/send-sla-alerts.ts";
import { backdateTicket, slaScene, ticketsSettled } from "../testing/sla-scene.ts";
import { PORTAL_CONTACT_SELECT, toPortalContact } from "../portal/portal-contact.ts";
import { replyAsContact } from "../portal/reply-as-contact.ts";
import { addTicketNote } from "../tickets/add-ticket-note.ts";
import { createConsoleTicket } from "../tickets/create-console-ticket.ts";
import { replyToTicket } from "../tickets/reply-to-ticket.ts";
import { updateTicket } from "../tickets/update-ticket.ts";
import { ZWebhookPayloadData } from "./webhook-payloads.ts";
import type { WebhookEventType } from "./webhook-event-types.ts";

const PUBLIC_URL = "https://help.example.test";
const endpointIds: string[] = [];
afterEach(async () => {
  await getPrisma().webhookEndpoint.updateMany({
    where: { id: { in: endpointIds.splice(0) } },
    data: { enabled: false },
  });
});
async function endpoint(events: WebhookEventType[]) {
  const created = await getPrisma().webhookEndpoint.create({
    data: { url: "https://hooks.example.test/in", events, secret: unique("secret") },
  });
  endpointIds.push(created.id);
  return created.id;
}
/**
 * The events queued for an endpoint about one ticket or device (`about`: its id), as `{ type, data }`.
 * Test files running at the same time on PostgreSQL open tickets of their own, which reach this
 * endpoint too.
 */
async function queued(endpointId: string, about: string) {
  const deliveries = await getPrisma().webhookDelivery.findMany({
    where: { endpointId },
    select: { event: { select: { type: true, data: true } } },
  });
  return deliveries
    .map(({ event }) => ({ type: event.type, data: event.data as Record<string, Record<string, unknown>> }))
    .filter(({ data }) => (data.ticket ?? data.device)?.id === about);
}

describe("events written by the services that cause them", () => {
  it("a console ticket, its update, a reply and a note reach a subscribed endpoint and not another", async () => {
    const tech = await createTechnicianRow();
    const actor = { id: tech.id, role: "technician" as const, name: tech.name };
    const customer = await createCustomerRow();
    const { contact } = await createHelpdeskDeviceRow({ customerId: customer.id });
    const subscribed = await endpoint(["ticket.created", "ticket.updated", "ticket.replied", "ticket.note_added"]);
    const unsubscribed = await endpoint(["device.enrolled"]);

    const { number } = await createConsoleTicket({
      actor,
      input: {
        customerId: customer.id,
        contactId: contact!.id,
        title: "Printer offline",
        description: "",
        priority: "high",
      },
      publicUrl: PUBLIC_URL,
    });
    const ticket = await getPrisma().ticket.findUniqueOrThrow({ where: { number } });
    await updateTicket({ actor, input: { ticketId: ticket.id, status: "pending", assigneeId: actor.id } });
    await replyToTicket({ actor, input: { ticketId: ticket.id, body: "Restart it please." }, publicUrl: PUBLIC_URL });
    await addTicketNote({ actor, input: { ticketId: ticket.id, body: "Known driver bug." } });
    const portalContact = toPortalContact(
      await getPrisma().contact.findUniqueOrThrow({ where: { id: contact!.id }, select: PORTAL_CONTACT_SELECT }),
    );
    await replyAsContact({ contact: portalContact, input: { number, body: "Done, still offline." }, consoleUrl: null });

    // Two events may share a millisecond: they are told apart by type and content, not order.
    const events = await queued(subscribed, ticket.id);
    expect(events.map((event) => event.type).sort()).toEqual([
      "ticket.created",
      "ticket.note_added",
      "ticket.replied",
      "ticket.replied",
      "ticket.updated",
    ]);
    const [created, updated, note] = ["ticket.created", "ticket.updated", "ticket.note_added"].map((type) =>
      events.find((event) => event.type === type)!,
    );
    const replies = events.filter((event) => event.type === "ticket.replied");
    const reply = (authorKind: string) =>
      replies.find((event) => (event.data.message as { authorKind: string }).authorKind === authorKind)!;
    for (const event of events)
      expect(ZWebhookPayloadData[event.type as WebhookEventType].safeParse(event.data).success).toBe(true);
    expect(created!.data.ticket).toMatchObject({
      id: ticket.id,
      number,
      title: "Printer offline",
      status: "open",
      priority: "high",
      customer: { id: customer.id, name: customer.name },
      assignee: null,
    });
    expect(String((created!.data.ticket as { url: string }).url)).toMatch(new RegExp(`/tickets/${number}$`));
    expect(updated!.data.ticket).toMatchObject({ status: "pending", assignee: { id: tech.id, name: tech.name } });
    expect(reply("technician").data.message).toMatchObject({ authorKind: "technician", body: "Restart it please." });
    expect(note!.data.message).toMatchObject({ authorKind: "technician", body: "Known driver bug." });
    expect(reply("contact").data.message).toMatchObject({ authorKind: "contact", body: "Done, still offline." });
    // The contact's reply reopened the ticket: the payload shows the state it left.
    expect(reply("contact").data.ticket).toMatchObject({ status: "open" });
    expect(await queued(unsubscribed, ticket.id)).toEqual([]);
  });

  it("an enrolled device reaches an endpoint subscribed to device.enrolled", async () => {
    const customer = await createCustomerRow();
    const subscribed = await endpoint(["device.enrolled"]);
    const unsubscribed = await endpoint(["ticket.created"]);
    const body = ZEnrollRequest.parse(enrollBody(customer.installKey));
    const { deviceId } = await enrollDevice(body);
    expect(await queued(subscribed, deviceId)).toEqual([
      {
        type: "device.enrolled",
        data: { device: { id: deviceId, hostname: body.hostname, customer: { id: customer.id, name: customer.name } } },
      },
    ]);
    expect(await queued(unsubscribed, deviceId)).toEqual([]);
  });

  it("activating and deactivating the Helpdesk Agent on a device reaches a subscribed endpoint, once per change", async () => {
    const actor = { id: (await createTechnicianRow()).id, role: "technician" as const };
    const customer = await createCustomerRow();
    const device = await createDeviceRow({ customerId: customer.id });
    const subscribed = await endpoint(["helpdesk.activated", "helpdesk.deactivated"]);
    await setDeviceHelpdesk({ actor, input: { deviceId: device.id, action: "activate" } });
    // Already active: nothing changed, nothing sent.
    await setDeviceHelpdesk({ actor, input: { deviceId: device.id, action: "activate" } });
    await setDeviceHelpdesk({ actor, input: { deviceId: device.id, action: "deactivate" } });
    const events = await queued(subscribed, device.id);
    expect(events.map((event) => event.type).sort()).toEqual(["helpdesk.activated", "helpdesk.deactivated"]);
    expect(events[0]!.data).toMatchObject({
      device: { id: device.id, hostname: device.hostname, customer: { id: customer.id, name: customer.name } },
      profile: { name: "CONTOSO\\alice" },
    });
  });

  it("an SLA warning and breach reach an endpoint subscribed to them, once each", async () => {
    const tech = await createTechnicianRow();
    const { customer } = await slaScene();
    const subscribed = await endpoint(["sla.warning", "sla.breached"]);
    const { number } = await createConsoleTicket({
      actor: { id: tech.id, role: "technician" },
      input: { customerId: customer.id, title: "Server down", description: "", priority: "medium" },
      publicUrl: PUBLIC_URL,
    });
    const ticket = await getPrisma().ticket.findUniqueOrThrow({ where: { number } });
    // Medium on an always-open policy: first response due after 240 min, warned at 180 min.
    const sendDue = async (olderByMinutes: number) => {
      await backdateTicket(ticket.id, olderByMinutes);
      await getPrisma().$transaction((tx) => refreshTicketSla(tx, { ticketId: ticket.id, now: new Date() }));
      await sendSlaAlerts({ now: new Date(), limit: 1000 });
      await ticketsSettled([ticket.id]);
    };
    await sendDue(200);
    // A second pass owes nothing new: the warning is not sent again.
    await sendDue(0);
    await sendDue(50);
    const events = await queued(subscribed, ticket.id);
    expect(events.map((event) => [event.type, event.data.target]).sort()).toEqual([
      ["sla.breached", "first_response"],
      ["sla.warning", "first_response"],
    ]);
    expect(events[0]!.data.ticket).toMatchObject({ id: ticket.id, number });
  });

  it("mail from a contact opens a ticket (ticket.created) and a reply by mail is ticket.replied by the contact", async () => {
    const { email, ticket, sentId } = await contactScene();
    const subscribed = await endpoint(["ticket.created", "ticket.replied"]);
    const opened = await ingestMail({ raw: rawMail({ from: email, subject: "Outlook keeps crashing" }), via: "imap" });
    expect(opened).toMatchObject({ outcome: "created" });
    const created = await getPrisma().ticket.findUniqueOrThrow({ where: { number: opened.ticketNumber! } });
    expect((await queued(subscribed, created.id)).map((event) => [event.type, event.data.ticket!.title])).toEqual([
      ["ticket.created", "Outlook keeps crashing"],
    ]);

    const replied = await ingestMail({
      raw: rawMail({ from: email, subject: "Re: your answer", inReplyTo: sentId, body: "It crashed again." }),
      via: "imap",
    });
    expect(replied).toMatchObject({ ticketNumber: ticket.number });
    expect((await queued(subscribed, ticket.id)).map((event) => [event.type, event.data.message])).toMatchObject([
      ["ticket.replied", { authorKind: "contact", body: "It crashed again." }],
    ]);
  });

  it("a bulk Apply queues one event per activated device, and none without a subscriber", async () => {
    const actor = { id: (await createTechnicianRow()).id, role: "technician" as const };
    const customer = await createCustomerRow();
    const devices = await Promise.all([1, 2, 3].map(() => createDeviceRow({ customerId: customer.id })));
    const deviceIds = devices.map((device) => device.id);
    const unsubscribed = await endpoint(["helpdesk.deactivated"]);
    const apply = (action: "activate" | "deactivate") =>
      applyHelpdeskAction({ actor, input: { action, selection: { kind: "devices", deviceIds } }, mode: "bulk" });
    await apply("activate");
    const subscribed = await endpoint(["helpdesk.activated", "helpdesk.deactivated"]);
    await apply("deactivate");
    await apply("activate");
    for (const device of devices) {
      expect((await queued(subscribed, device.id)).map((event) => event.type).sort()).toEqual([
        "helpdesk.activated",
        "helpdesk.deactivated",
      ]);
      expect((await queued(unsubscribed, device.id)).map((event) => event.type)).toEqual(["helpdesk.deactivated"]);
      // The first Apply, heard by nobody, wrote no event at all.
      const [row] = await getPrisma().$queryRaw<{ activations: bigint }[]>`
        SELECT count(*) AS activations FROM "WebhookEvent"
        WHERE type = 'helpdesk.activated' AND data->'device'->>'id' = ${device.id}`;
      expect(Number(row!.activations)).toBe(1);
    }
  });
});
