import { getPrisma } from "@helpline/db";
import {
  createCustomerRow,
  createHelpdeskDeviceRow,
  createTechnicianRow,
  createTicketRow,
  unique,
} from "@helpline/db/testing";
import { ZCreateTicketRequest } from "@helpline/protocol";
import { describe, expect, it } from "vitest";
import { getCustomerTimeZone } from "../customers/get-customer-time-zone.ts";
import { sendIdentityToken } from "../identity/send-identity-token.ts";
import { ingestMail } from "../inbound-mail/ingest-mail.ts";
import { createPortalTicket } from "../portal/create-portal-ticket.ts";
import { getPortalTicket } from "../portal/get-portal-ticket.ts";
import { listPortalTickets } from "../portal/list-portal-tickets.ts";
import { ZListPortalTicketsInput } from "../portal/portal-input.ts";
import { toPortalContact, PORTAL_CONTACT_SELECT } from "../portal/portal-contact.ts";
import { rawMail } from "../testing/inbound-mail-scene.ts";
import { slaScene } from "../testing/sla-scene.ts";
import { createAgentTicket } from "./create-agent-ticket.ts";
import { createConsoleTicket } from "./create-console-ticket.ts";
import { replyToTicket } from "./reply-to-ticket.ts";
import { updateTicket } from "./update-ticket.ts";

const PUBLIC_URL = "https://help.example.test";
// "Thursday 3 December, 09:30 CET" (the year only when it is not this year): a zone named, never UTC.
const PARIS_PROMISE = /We will reply by [A-Z][a-z]+day,? \d{1,2} [A-Z][a-z]+( \d{4})?, \d\d:\d\d CES?T\./;

/** A customer whose own SLA runs on a Paris calendar, with a confirmed user on a workstation. */
async function parisCustomer() {
  const { customer, calendar } = await slaScene({ timeZone: "Europe/Paris" });
  const user = await createHelpdeskDeviceRow({ customerId: customer.id, email: `${unique("jane")}@contoso.test` });
  const contact = toPortalContact(
    await getPrisma().contact.findUniqueOrThrow({ where: { id: user.contact!.id }, select: PORTAL_CONTACT_SELECT }),
  );
  return { customer, calendar, user, contact };
}

const receiptOf = (ticketId: string) =>
  getPrisma().outboxMessage.findFirstOrThrow({ where: { ticketId, kind: "receipt" } });
const ticketRow = (number: number) => getPrisma().ticket.findUniqueOrThrow({ where: { number } });

describe("end users are told when the first reply is due, in their customer's zone", () => {
  it("every receipt says it (agent, portal, console, email), from the ticket's own due time", async () => {
    const { customer, user, contact } = await parisCustomer();
    const agent = await createAgentTicket({
      deviceId: user.device.id,
      request: ZCreateTicketRequest.parse({
        profile: user.profile.name,
        idempotencyKey: crypto.randomUUID(),
        title: "VPN drops",
      }),
      publicUrl: PUBLIC_URL,
    });
    const portal = await createPortalTicket({ contact, input: { title: "Printer jams" }, publicUrl: PUBLIC_URL });
    const technician = await createTechnicianRow();
    const console = await createConsoleTicket({
      actor: { id: technician.id, role: technician.role },
      input: { customerId: customer.id, contactId: contact.id, title: "Phone: no sound" },
      publicUrl: PUBLIC_URL,
    });
    const mailed = await ingestMail({ raw: rawMail({ from: contact.email, subject: "Scanner offline" }), via: "smtp" });
    for (const number of [agent.number, portal.number, console.number, mailed.ticketNumber!]) {
      const ticket = await ticketRow(number);
      const receipt = await receiptOf(ticket.id);
      expect(ticket.firstResponseDueAt).not.toBeNull();
      expect(receipt.text).toMatch(PARIS_PROMISE);
      expect(receipt.subject).toBe(`[#${number}] ${ticket.title}`);
      const paris = new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/Paris",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }).format(ticket.firstResponseDueAt!);
      expect(receipt.text).toContain(`, ${paris} CE`);
    }
  });

  it("the agent's ticket-created answer carries it, also for a retried submission", async () => {
    const { user } = await parisCustomer();
    const request = ZCreateTicketRequest.parse({
      profile: user.profile.name,
      idempotencyKey: crypto.randomUUID(),
      title: "Outlook keeps crashing",
      priority: "critical",
    });
    const created = await createAgentTicket({ deviceId: user.device.id, request, publicUrl: PUBLIC_URL });
    const ticket = await ticketRow(created.number);
    expect(created.firstReplyDue).toEqual({
      at: ticket.firstResponseDueAt!.toISOString(),
      timeZone: "Europe/Paris",
      text: expect.stringMatching(/^We will reply by .+, \d\d:\d\d CES?T$/),
    });
    // Critical: 60 business minutes on a calendar open around the clock.
    expect(ticket.firstResponseDueAt!.getTime() - ticket.createdAt.getTime()).toBe(60 * 60_000);
    const again = await createAgentTicket({ deviceId: user.device.id, request, publicUrl: PUBLIC_URL });
    expect(again).toMatchObject({ created: false, number: created.number, firstReplyDue: created.firstReplyDue });
  });

  it("the portal says it until a technician answers, not while Pending, and never without an SLA", async () => {
    const { customer, contact } = await parisCustomer();
    const { number } = await createPortalTicket({ contact, input: { title: "Teams freezes" }, publicUrl: PUBLIC_URL });
    const ticket = await ticketRow(number);
    const shown = (await getPortalTicket({ contact, number }))!;
    expect(shown.timeZone).toBe("Europe/Paris");
    expect(shown.firstReplyDue).toEqual({ at: ticket.firstResponseDueAt, timeZone: "Europe/Paris" });
    // Only the promise leaves: no SLA internals in what the portal (and its JSON API) hands out.
    for (const field of ["firstResponseDueAt", "firstRespondedAt", "slaCalendar", "slaTargets", "resolutionDueAt"])
      expect(shown).not.toHaveProperty(field);
    const listed = await listPortalTickets({ contact, input: ZListPortalTicketsInput.parse({}) });
    const row = listed.tickets.find((entry) => entry.number === number)!;
    expect(row.firstReplyDue).toEqual(shown.firstReplyDue);
    expect(row).not.toHaveProperty("firstResponseDueAt");

    const technician = await createTechnicianRow();
    const actor = { id: technician.id, role: technician.role };
    await updateTicket({ actor, input: { ticketId: ticket.id, status: "pending" } });
    expect((await getPortalTicket({ contact, number }))!.firstReplyDue).toBeNull();
    await updateTicket({ actor, input: { ticketId: ticket.id, status: "open" } });
    expect((await getPortalTicket({ contact, number }))!.firstReplyDue).toMatchObject({ timeZone: "Europe/Paris" });
    await replyToTicket({ actor, input: { ticketId: ticket.id, body: "Restart Teams." }, publicUrl: PUBLIC_URL });
    expect((await getPortalTicket({ contact, number }))!.firstReplyDue).toBeNull();

    // A ticket the SLA never started on (no calendar): nothing promised.
    const bare = await createTicketRow({ customerId: customer.id, contactId: contact.id });
    expect((await getPortalTicket({ contact, number: bare.number }))!.firstReplyDue).toBeNull();
  });

  it("the identity token names its expiry in the customer's zone", async () => {
    const { user } = await parisCustomer();
    const email = `${unique("bob")}@contoso.test`;
    await sendIdentityToken({
      deviceId: user.device.id,
      request: { profile: user.profile.name, fullName: "Bob Stone", email },
      now: new Date("2026-12-01T09:00:00Z"),
    });
    const mail = await getPrisma().outboxMessage.findFirstOrThrow({ where: { to: email } });
    expect(mail.text).toContain("expires at 1 Dec 2026, 10:15 CET (in 15 minutes)");
  });
});

describe("getCustomerTimeZone", () => {
  it("is the customer's own calendar's zone, also inside a transaction", async () => {
    const { customer } = await slaScene({ timeZone: "America/New_York" });
    expect(await getCustomerTimeZone({ customerId: customer.id })).toBe("America/New_York");
    expect(await getPrisma().$transaction((tx) => getCustomerTimeZone({ customerId: customer.id, db: tx }))).toBe(
      "America/New_York",
    );
  });

  it("falls back to the default (as for no customer) without an own policy or with a zone no longer known", async () => {
    const fallback = await getCustomerTimeZone({ customerId: null });
    expect(Intl.DateTimeFormat("en", { timeZone: fallback }).resolvedOptions().timeZone).toBeTruthy();
    const plain = await createCustomerRow();
    expect(await getCustomerTimeZone({ customerId: plain.id })).toBe(fallback);
    const { customer, calendar } = await slaScene({ timeZone: "Europe/Paris" });
    await getPrisma().slaCalendar.update({ where: { id: calendar.id }, data: { timeZone: "Mars/Olympus" } });
    expect(await getCustomerTimeZone({ customerId: customer.id })).toBe(fallback);
  });
});
