import { describe, expect, it } from "vitest";
import { ticketReplyMail } from "./ticket-mail.ts";

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
