import { getPrisma } from "@helpline/db";
import { createHelpdeskDeviceRow, createTechnicianRow, unique } from "@helpline/db/testing";
import { ZCreateTicketRequest } from "@helpline/protocol";
import { describe, expect, it } from "vitest";
import { ingestMail } from "../inbound-mail/ingest-mail.ts";
import { makeTicketFromIgnoredMail } from "../inbound-mail/make-ticket-from-ignored-mail.ts";
import { createPortalTicket } from "../portal/create-portal-ticket.ts";
import { replyAsContact } from "../portal/reply-as-contact.ts";
import { setPortalTicketStatus } from "../portal/set-portal-ticket-status.ts";
import { rawMail } from "../testing/inbound-mail-scene.ts";
import { ALWAYS_OPEN, slaScene, statusHistory } from "../testing/sla-scene.ts";
import { addTicketNote } from "../tickets/add-ticket-note.ts";
import { assignTicketCustomer } from "../tickets/assign-ticket-customer.ts";
import { createAgentTicket } from "../tickets/create-agent-ticket.ts";
import { createConsoleTicket } from "../tickets/create-console-ticket.ts";
import { replyToTicket } from "../tickets/reply-to-ticket.ts";
import { updateTicket } from "../tickets/update-ticket.ts";
import { holdingDefaultSlaPolicy } from "../testing/sla-settings-fixtures.ts";
import { DEFAULT_SLA_POLICY_KEY } from "./sla-calendar-row.ts";

const PUBLIC_URL = "https://help.example.test";
const MINUTE = 60_000;
const prisma = () => getPrisma();
const technician = async () => ({ id: (await createTechnicianRow()).id, role: "technician" as const });
const ticketById = (id: string) => prisma().ticket.findUniqueOrThrow({ where: { id } });
const ticketByNumber = (number: number) => prisma().ticket.findUniqueOrThrow({ where: { number } });
const plus = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE);

async function consoleTicket(customerId: string, priority: "low" | "medium" | "high" | "critical" = "medium") {
  const { number } = await createConsoleTicket({
    actor: await technician(),
    input: { customerId, title: `Phone call ${unique()}`, priority },
    publicUrl: PUBLIC_URL,
  });
  return ticketByNumber(number);
}

async function portalContact(customer: { id: string; name: string }) {
  const contact = await prisma().contact.create({
    data: { customerId: customer.id, email: `${unique("alice")}@contoso.test`, fullName: "Alice Martin" },
  });
  return {
    id: contact.id,
    customerId: customer.id,
    customerName: customer.name,
    email: contact.email,
    fullName: contact.fullName,
    isMainContact: false,
    emailOnReplies: true,
    chosenLanguage: null,
  };
}

async function setSetting(key: string, value: string | null): Promise<void> {
  if (value === null) await prisma().systemSetting.deleteMany({ where: { key } });
  else await prisma().systemSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

describe("every way a ticket is created starts its SLA and its status history", () => {
  it("console, portal and agent tickets take the customer's policy: targets kept in business minutes (days × the calendar's day), clocks from creation", async () => {
    // Monday–Friday 09:00–12:00 and 13:00–17:30 in Paris: a business day of 7.5 h = 450 min.
    const weeklyHours = [1, 2, 3, 4, 5].flatMap((day) => [
      { day, start: "09:00", end: "12:00" },
      { day, start: "13:00", end: "17:30" },
    ]);
    const { policy, calendar, customer } = await slaScene({
      timeZone: "Europe/Paris",
      weeklyHours,
      targets: {
        critical: { firstResponse: { amount: 1, unit: "hours" }, resolution: { amount: 4, unit: "hours" } },
        high: { firstResponse: { amount: 2, unit: "hours" }, resolution: { amount: 1, unit: "days" } },
        medium: { firstResponse: { amount: 30, unit: "minutes" }, resolution: { amount: 2, unit: "days" } },
        low: { firstResponse: { amount: 1, unit: "days" }, resolution: { amount: 5, unit: "days" } },
      },
      warningPercent: 80,
    });
    const fromConsole = await consoleTicket(customer.id);
    const contact = await portalContact(customer);
    const { number } = await createPortalTicket({
      contact,
      input: { title: "From the portal", description: "", attachments: [] },
      publicUrl: PUBLIC_URL,
    });
    const fromPortal = await ticketByNumber(number);
    const device = await createHelpdeskDeviceRow({ customerId: customer.id });
    const agent = await createAgentTicket({
      deviceId: device.device.id,
      request: ZCreateTicketRequest.parse({
        profile: device.profile.name,
        idempotencyKey: crypto.randomUUID(),
        title: "From the agent",
      }),
      publicUrl: PUBLIC_URL,
    });
    const fromAgent = await ticketById(agent.ticketId);

    for (const ticket of [fromConsole, fromPortal, fromAgent]) {
      expect(ticket).toMatchObject({ slaPolicyId: policy.id, slaCalendarId: calendar.id });
      expect(ticket.slaTargets).toMatchObject({
        policyId: policy.id,
        policyName: policy.name,
        warningPercent: 80,
        minutes: {
          critical: { firstResponse: 60, resolution: 240 },
          high: { firstResponse: 120, resolution: 450 },
          medium: { firstResponse: 30, resolution: 900 },
          low: { firstResponse: 450, resolution: 2250 },
        },
      });
      expect(await statusHistory(ticket.id)).toEqual([{ status: "open", at: ticket.createdAt }]);
      // Running: the first response is the running target, its due time never before creation.
      expect(ticket.firstResponseDueAt!.getTime()).toBeGreaterThan(ticket.createdAt.getTime());
      expect(ticket.slaDueAt).toEqual(ticket.firstResponseDueAt);
      expect(ticket.resolutionDueAt!.getTime()).toBeGreaterThan(ticket.firstResponseDueAt!.getTime());
      expect(ticket.slaAlertAt).toEqual(ticket.slaWarnAt);
    }
  });

  it("mail tickets: a contact's new mail, a follow-up of a closed ticket, and an unknown sender's ignored mail made a ticket (default policy, then filed under a customer)", () =>
    holdingDefaultSlaPolicy(async () => {
      const own = await slaScene();
      const fallback = await slaScene({ warningPercent: 50 });
      const previousDefault = await prisma().systemSetting.findUnique({ where: { key: DEFAULT_SLA_POLICY_KEY } });
      await setSetting(DEFAULT_SLA_POLICY_KEY, fallback.policy.id);
      try {
        const contact = await portalContact(own.customer);
        const created = await ingestMail({
          raw: rawMail({ from: contact.email, subject: "Outlook crashes" }),
          via: "imap",
        });
        const fromContact = await ticketByNumber(created.ticketNumber!);
        expect(fromContact.slaPolicyId).toBe(own.policy.id);
        expect(await statusHistory(fromContact.id)).toEqual([{ status: "open", at: fromContact.createdAt }]);

        await setPortalTicketStatus({ contact, input: { number: fromContact.number, action: "close" } });
        const sent = await prisma().ticketMailId.findFirstOrThrow({ where: { ticketId: fromContact.id } });
        const followUp = await ingestMail({
          raw: rawMail({ from: contact.email, subject: "Re: Outlook crashes", inReplyTo: sent.messageId }),
          via: "imap",
        });
        const followUpTicket = await ticketByNumber(followUp.ticketNumber!);
        expect(followUpTicket).toMatchObject({ followUpOfId: fromContact.id, slaPolicyId: own.policy.id });
        expect(await statusHistory(followUpTicket.id)).toEqual([{ status: "open", at: followUpTicket.createdAt }]);

        // An unknown sender's mail kept in Ignored mail, written as ingest leaves it (so this test
        // leaves the unknown-senders setting, which other files change, alone), made a ticket: it
        // waits in Unassigned customers under the default policy.
        const stranger = `${unique("stranger")}@elsewhere.test`;
        const raw = rawMail({ from: stranger, subject: "Who am I" });
        const ignored = await prisma().inboundMail.create({
          data: {
            dedupeKey: unique("ignored"),
            via: "imap",
            fromAddress: stranger,
            subject: "Who am I",
            outcome: "ignored",
            raw: new Uint8Array(raw),
            rawSize: raw.byteLength,
          },
        });
        const made = await makeTicketFromIgnoredMail({
          actor: await technician(),
          input: { inboundMailId: ignored.id },
        });
        const strangerTicket = await ticketByNumber(made.number);
        expect(strangerTicket).toMatchObject({ customerId: null, slaPolicyId: fallback.policy.id });
        expect((strangerTicket.slaTargets as { warningPercent: number }).warningPercent).toBe(50);
        expect(await statusHistory(strangerTicket.id)).toEqual([{ status: "open", at: strangerTicket.createdAt }]);

        // Filed under a customer, the ticket takes that customer's policy, its clocks from creation.
        await assignTicketCustomer({
          actor: await technician(),
          input: { ticketId: strangerTicket.id, customerId: own.customer.id },
        });
        const filed = await ticketById(strangerTicket.id);
        expect(filed).toMatchObject({ slaPolicyId: own.policy.id, slaCalendarId: own.calendar.id });
        expect((filed.slaTargets as { policyId: string }).policyId).toBe(own.policy.id);
        expect(filed.firstResponseDueAt).toEqual(plus(filed.createdAt, 240));
        expect(await statusHistory(filed.id)).toEqual([{ status: "open", at: filed.createdAt }]);
      } finally {
        await setSetting(DEFAULT_SLA_POLICY_KEY, previousDefault?.value ?? null);
      }
    }));

  it("without a customer policy or a default policy a ticket has no SLA, and its history is still kept", () =>
    holdingDefaultSlaPolicy(async () => {
      const previousDefault = await prisma().systemSetting.findUnique({ where: { key: DEFAULT_SLA_POLICY_KEY } });
      await setSetting(DEFAULT_SLA_POLICY_KEY, null);
      try {
        const { customer } = await slaScene();
        await prisma().customer.update({ where: { id: customer.id }, data: { slaPolicyId: null } });
        const ticket = await consoleTicket(customer.id);
        expect(ticket).toMatchObject({ slaPolicyId: null, slaTargets: null, slaDueAt: null, slaAlertAt: null });
        expect(await statusHistory(ticket.id)).toEqual([{ status: "open", at: ticket.createdAt }]);
      } finally {
        await setSetting(DEFAULT_SLA_POLICY_KEY, previousDefault?.value ?? null);
      }
    }));
});

describe("every status change joins the history and moves the clocks", () => {
  it("the ticket page: Pending pauses both clocks, Open resumes them with the time spent, Resolved stops them; an unchanged status writes no row", async () => {
    const { customer } = await slaScene();
    const actor = await technician();
    const ticket = await consoleTicket(customer.id);
    expect(ticket.firstResponseDueAt).toEqual(plus(ticket.createdAt, 240));
    expect(ticket.resolutionDueAt).toEqual(plus(ticket.createdAt, 960));

    await updateTicket({ actor, input: { ticketId: ticket.id, status: "pending" } });
    await updateTicket({ actor, input: { ticketId: ticket.id, status: "pending" } });
    const paused = await ticketById(ticket.id);
    expect(paused).toMatchObject({ slaDueAt: null, slaWarnAt: null, slaAlertAt: null, firstResponseDueAt: null });

    await new Promise((resolve) => setTimeout(resolve, 30));
    await updateTicket({ actor, input: { ticketId: ticket.id, status: "open" } });
    const history = await statusHistory(ticket.id);
    expect(history.map((row) => row.status)).toEqual(["open", "pending", "open"]);
    const pausedFor = history[2]!.at.getTime() - history[1]!.at.getTime();
    expect(pausedFor).toBeGreaterThan(0);
    const resumed = await ticketById(ticket.id);
    expect(resumed.firstResponseDueAt).toEqual(new Date(plus(ticket.createdAt, 240).getTime() + pausedFor));
    expect(resumed.slaDueAt).toEqual(resumed.firstResponseDueAt);

    await updateTicket({ actor, input: { ticketId: ticket.id, status: "resolved" } });
    const resolved = await ticketById(ticket.id);
    expect(resolved).toMatchObject({
      slaDueAt: null,
      slaAlertAt: null,
      firstResponseDueAt: null,
      resolutionDueAt: null,
    });
    expect(resolved.resolvedAt).toEqual((await statusHistory(ticket.id)).at(-1)!.at);
  });

  it("a priority change recomputes from the ticket's start with the new priority's targets", async () => {
    const { customer } = await slaScene();
    const actor = await technician();
    const ticket = await consoleTicket(customer.id, "low");
    expect(ticket.firstResponseDueAt).toEqual(plus(ticket.createdAt, 480));
    await updateTicket({ actor, input: { ticketId: ticket.id, priority: "critical" } });
    const critical = await ticketById(ticket.id);
    expect(critical.firstResponseDueAt).toEqual(plus(ticket.createdAt, 60));
    expect(critical.resolutionDueAt).toEqual(plus(ticket.createdAt, 240));
    expect(critical.slaWarnAt).toEqual(plus(ticket.createdAt, 45));
    expect(await statusHistory(ticket.id)).toHaveLength(1);
  });

  it("the portal: Close stops the clocks, Reopen resumes resolution; a contact's reply reopens a Pending ticket", async () => {
    const { customer } = await slaScene();
    const contact = await portalContact(customer);
    const { number } = await createPortalTicket({
      contact,
      input: { title: "Printer", description: "", attachments: [] },
      publicUrl: PUBLIC_URL,
    });
    await setPortalTicketStatus({ contact, input: { number, action: "close" } });
    expect(await ticketByNumber(number)).toMatchObject({ status: "closed", slaDueAt: null, resolutionDueAt: null });
    await setPortalTicketStatus({ contact, input: { number, action: "reopen" } });
    const reopened = await ticketByNumber(number);
    expect(reopened.resolutionDueAt).not.toBeNull();
    expect(reopened.resolvedAt).toBeNull();

    await updateTicket({ actor: await technician(), input: { ticketId: reopened.id, status: "pending" } });
    await replyAsContact({ contact, input: { number, body: "Here is the screenshot." }, consoleUrl: null });
    expect((await statusHistory(reopened.id)).map((row) => row.status)).toEqual([
      "open",
      "closed",
      "open",
      "pending",
      "open",
    ]);
    expect((await ticketByNumber(number)).slaDueAt).not.toBeNull();
  });

  it("a contact's mail reopens a Resolved ticket; an auto-reply does not", async () => {
    const { customer } = await slaScene();
    const contact = await portalContact(customer);
    const created = await ingestMail({ raw: rawMail({ from: contact.email, subject: "VPN down" }), via: "imap" });
    const ticket = await ticketByNumber(created.ticketNumber!);
    await updateTicket({ actor: await technician(), input: { ticketId: ticket.id, status: "resolved" } });
    const sent = await prisma().ticketMailId.findFirstOrThrow({ where: { ticketId: ticket.id } });
    await ingestMail({
      raw: rawMail({
        from: contact.email,
        subject: "Auto: out of office",
        inReplyTo: sent.messageId,
        headers: { "Auto-Submitted": "auto-replied" },
      }),
      via: "imap",
    });
    expect((await statusHistory(ticket.id)).map((row) => row.status)).toEqual(["open", "resolved"]);
    await ingestMail({
      raw: rawMail({ from: contact.email, subject: "Re: VPN down", inReplyTo: sent.messageId, body: "Still down." }),
      via: "imap",
    });
    expect((await statusHistory(ticket.id)).map((row) => row.status)).toEqual(["open", "resolved", "open"]);
    expect(await ticketById(ticket.id)).toMatchObject({ status: "open", resolvedAt: null });
  });
});

describe("the first public reply meets the first-response target", () => {
  it("sets firstRespondedAt once; a note does not count; the running target becomes the resolution", async () => {
    const { customer } = await slaScene();
    const actor = await technician();
    const ticket = await consoleTicket(customer.id);
    await addTicketNote({ actor, input: { ticketId: ticket.id, body: "Called them, no answer." } });
    expect(await ticketById(ticket.id)).toMatchObject({
      firstRespondedAt: null,
      slaDueAt: plus(ticket.createdAt, 240),
    });

    const first = await replyToTicket({ actor, input: { ticketId: ticket.id, body: "On it." }, publicUrl: PUBLIC_URL });
    const message = await prisma().ticketMessage.findUniqueOrThrow({ where: { id: first.messageId } });
    const answered = await ticketById(ticket.id);
    expect(answered.firstRespondedAt).toEqual(message.createdAt);
    expect(answered.firstResponseDueAt).toBeNull();
    expect(answered.slaDueAt).toEqual(plus(ticket.createdAt, 960));

    await replyToTicket({ actor, input: { ticketId: ticket.id, body: "Still on it." }, publicUrl: PUBLIC_URL });
    expect((await ticketById(ticket.id)).firstRespondedAt).toEqual(message.createdAt);
  });

  it("replies sent at once: the first one's time is kept", async () => {
    const { customer } = await slaScene({ weeklyHours: ALWAYS_OPEN });
    const actor = await technician();
    const ticket = await consoleTicket(customer.id);
    const replies = await Promise.all(
      Array.from({ length: 4 }, (_, index) =>
        replyToTicket({ actor, input: { ticketId: ticket.id, body: `Reply ${index}` }, publicUrl: PUBLIC_URL }),
      ),
    );
    const messages = await prisma().ticketMessage.findMany({
      where: { id: { in: replies.map((reply) => reply.messageId) } },
      orderBy: { createdAt: "asc" },
    });
    expect((await ticketById(ticket.id)).firstRespondedAt).toEqual(messages[0]!.createdAt);
  });
});
