import type { Locale } from "@helpline/i18n";
import { describe, expect, it } from "vitest";
import { contactReplyMail } from "../portal/portal-mail.ts";
import { ticketReceiptMail, ticketReplyMail } from "./ticket-mail.ts";

const reply = (answerByMail: boolean, locale: Locale = "en") =>
  ticketReplyMail({
    to: "jane@example.test",
    fullName: "Jane Doe",
    technicianName: "Sam",
    body: "Please restart Outlook.",
    ticket: { number: 1042, title: "Outlook crashes", portalUrl: "https://help.example.test/portal/tickets/1042" },
    answerByMail,
    locale,
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
      locale: "en",
    });
    expect(mail.text).toContain("\nWe will reply by Thursday 3 December, 09:30 CET.\n");
    expect(mail.html).toContain("<p><b>We will reply by Thursday 3 December, 09:30 CET.</b></p>");
    const newYork = ticketReceiptMail({
      to: "jane@example.test",
      fullName: "Jane Doe",
      ticket,
      firstReplyDue: { at: new Date("2026-07-01T13:00:00Z"), timeZone: "America/New_York" },
      now: new Date("2026-06-30T10:00:00Z"),
      locale: "en",
    });
    expect(newYork.text).toContain("We will reply by Wednesday 1 July, 09:00 EDT.");
  });

  it("promises nothing without an SLA", () => {
    const mail = ticketReceiptMail({
      to: "jane@example.test",
      fullName: "Jane Doe",
      ticket,
      firstReplyDue: null,
      locale: "en",
    });
    expect(mail.text).not.toContain("We will reply by");
    expect(mail.html).not.toContain("We will reply by");
    expect(mail.text).toContain("We received your ticket #1042: Outlook <crashes>");
  });
});

describe("ticket mail subjects thread", () => {
  const ticket = { number: 1042, title: "Outlook crashes", portalUrl: "https://help.example.test/portal/tickets/1042" };

  it("are [#N] title for the receipt and Re: [#N] title for every later mail, whoever it goes to", () => {
    expect(
      ticketReceiptMail({ to: "jane@example.test", fullName: "Jane", ticket, firstReplyDue: null, locale: "fr" })
        .subject,
    ).toBe("[#1042] Outlook crashes");
    expect(reply(true).subject).toBe("Re: [#1042] Outlook crashes");
    expect(reply(true, "fr").subject).toBe("Re: [#1042] Outlook crashes");
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

describe("ticket mail in French", () => {
  const ticket = {
    number: 1042,
    title: "Outlook <plante>",
    portalUrl: "https://help.example.test/portal/tickets/1042",
  };

  it("writes the receipt in French, the promise's day in French in the calendar's zone", () => {
    const mail = ticketReceiptMail({
      to: "jeanne@example.test",
      fullName: "Jeanne Dupont",
      ticket,
      firstReplyDue: { at: new Date("2026-12-03T08:30:00Z"), timeZone: "Europe/Paris" },
      now: new Date("2026-12-01T10:00:00Z"),
      locale: "fr",
    });
    expect(mail.subject).toBe("[#1042] Outlook <plante>");
    expect(mail.text).toBe(
      [
        "Bonjour Jeanne Dupont,",
        "",
        "Nous avons bien reçu votre ticket #1042 : Outlook <plante>",
        "",
        "Nous vous répondrons au plus tard le jeudi 3 décembre, 09:30 CET.",
        "",
        "Un technicien vous répondra par e-mail et dans le Portail client :",
        "https://help.example.test/portal/tickets/1042",
      ].join("\n"),
    );
    expect(mail.html).toContain("<p>Nous avons bien reçu votre ticket <b>#1042</b> : Outlook &#60;plante&#62;</p>");
    expect(mail.html).toContain("<p><b>Nous vous répondrons au plus tard le jeudi 3 décembre, 09:30 CET.</b></p>");
    expect(mail.html).toContain(
      'dans le <a href="https://help.example.test/portal/tickets/1042">Portail client</a>.</p>',
    );
  });

  it("frames a technician's reply in French and leaves the reply as written", () => {
    const mail = (answerByMail: boolean) =>
      ticketReplyMail({
        to: "jeanne@example.test",
        fullName: "Jeanne <Dupont>",
        technicianName: "Sam",
        body: "Please restart Outlook.",
        ticket,
        answerByMail,
        locale: "fr",
      });
    expect(mail(true).text).toBe(
      [
        "Bonjour Jeanne <Dupont>,",
        "",
        "Sam a répondu à votre ticket #1042 (Outlook <plante>) :",
        "",
        "Please restart Outlook.",
        "",
        "Pour répondre, répondez à ce message ou ouvrez le ticket dans le Portail client : https://help.example.test/portal/tickets/1042",
      ].join("\n"),
    );
    expect(mail(true).html).toContain("<p>Bonjour Jeanne &#60;Dupont&#62;,</p>");
    expect(mail(true).html).toContain("<p>Please restart Outlook.</p>");
    expect(mail(false).text).toContain(
      "Pour répondre, ouvrez le ticket dans le Portail client : https://help.example.test/portal/tickets/1042",
    );
    expect(mail(false).html).toContain(
      'Pour répondre, ouvrez le ticket dans le <a href="https://help.example.test/portal/tickets/1042">Portail client</a>.',
    );
    expect(mail(false).html).not.toContain("répondez à ce message");
  });
});
