import { describe, expect, it } from "vitest";
import { contactReplyMail } from "../portal/portal-mail.ts";
import { ticketReceiptMail, ticketReplyMail } from "./ticket-mail.ts";

const reply = (answerByMail: boolean) =>
  ticketReplyMail({
    to: "jane@example.test",
    fullName: "Jane Doe",
    technicianName: "Sam",
    body: "Please restart Outlook.",
    ticket: { number: 1042, title: "Outlook crashes", portalUrl: "https://help.example.test/portal/tickets/1042" },
    answerByMail,
  });

describe("ticketReplyMail", () => {
  it("tells the contact that pressing Reply answers the ticket when Helpline receives mail", () => {
    const mail = reply(true);
    expect(mail.text).toContain(
      "To answer, reply to this mail or open the ticket in the Customer Portal: https://help.example.test/portal/tickets/1042",
    );
    expect(mail.html).toContain("To answer, reply to this mail or open the ticket in the <a");
  });

  it("offers only the portal when no mail comes in (a reply would reach an unread mailbox)", () => {
    const mail = reply(false);
    expect(mail.text).toContain(
      "To answer, open the ticket in the Customer Portal: https://help.example.test/portal/tickets/1042",
    );
    expect(mail.text).not.toContain("reply to this mail");
    expect(mail.html).not.toContain("reply to this mail");
  });
});

describe("ticketReceiptMail", () => {
  const ticket = {
    number: 1042,
    title: "Outlook <crashes>",
    portalUrl: "https://help.example.test/portal/tickets/1042",
  };
  const now = new Date("2026-12-01T10:00:00Z");

  it("says when the first reply is due, in the calendar's zone with the zone named", () => {
    const mail = ticketReceiptMail({
      to: "jane@example.test",
      fullName: "Jane Doe",
      ticket,
      firstReplyDue: { at: new Date("2026-12-03T08:30:00Z"), timeZone: "Europe/Paris" },
      now,
    });
    expect(mail.text).toContain("\nWe will reply by Thursday 3 December, 09:30 CET.\n");
    expect(mail.html).toContain("<p><b>We will reply by Thursday 3 December, 09:30 CET.</b></p>");
    const newYork = ticketReceiptMail({
      to: "jane@example.test",
      fullName: "Jane Doe",
      ticket,
      firstReplyDue: { at: new Date("2026-07-01T13:00:00Z"), timeZone: "America/New_York" },
      now: new Date("2026-06-30T10:00:00Z"),
    });
    expect(newYork.text).toContain("We will reply by Wednesday 1 July, 09:00 EDT.");
  });

  it("promises nothing without an SLA", () => {
    const mail = ticketReceiptMail({ to: "jane@example.test", fullName: "Jane Doe", ticket, firstReplyDue: null });
    expect(mail.text).not.toContain("We will reply by");
    expect(mail.html).not.toContain("We will reply by");
    expect(mail.text).toContain("We received your ticket #1042: Outlook <crashes>");
  });
});

describe("ticket mail subjects thread", () => {
  const ticket = { number: 1042, title: "Outlook crashes", portalUrl: "https://help.example.test/portal/tickets/1042" };

  it("are [#N] title for the receipt and Re: [#N] title for every later mail, whoever it goes to", () => {
    expect(ticketReceiptMail({ to: "jane@example.test", fullName: "Jane", ticket, firstReplyDue: null }).subject).toBe(
      "[#1042] Outlook crashes",
    );
    expect(reply(true).subject).toBe("Re: [#1042] Outlook crashes");
    const toTechnician = contactReplyMail({
      to: { name: "Sam", address: "sam@msp.test" },
      contactName: "Jane Doe",
      body: "Still broken.",
      ticket: { number: 1042, title: "Outlook crashes", consoleUrl: null },
    });
    expect(toTechnician.subject).toBe("Re: [#1042] Outlook crashes");
    expect(toTechnician.text).toContain("Jane Doe replied to ticket #1042 (Outlook crashes):");
  });
});
