import { getPrisma } from "@helpline/db";
import { createTechnicianRow, unique } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { contactScene, rawMail } from "../testing/inbound-mail-scene.ts";
import { ingestMail } from "./ingest-mail.ts";
import { makeTicketFromIgnoredMail } from "./make-ticket-from-ignored-mail.ts";
import { RECEIPTS_PER_SENDER_PER_HOUR } from "./take-receipt-slot.ts";

// Deliveries fired together, as IMAP and inbound SMTP in several processes would: the read-then-
// write races show only on PostgreSQL (PGlite runs one transaction at a time), where these
// assertions matter; on PGlite they check the same rules.
const prisma = () => getPrisma();

describe("ingestMail under parallel deliveries", () => {
  it("the same message delivered 5 times at once becomes one ticket message; the others are duplicates", async () => {
    const { email, ticket, sentId } = await contactScene();
    const raw = rawMail({ from: email, subject: "Re: x", inReplyTo: sentId });
    const results = await Promise.all(Array.from({ length: 5 }, () => ingestMail({ raw, via: "imap" })));
    expect(results.map((result) => result.outcome).sort()).toEqual([
      "appended",
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
    ]);
    expect(new Set(results.map((result) => result.inboundMailId)).size).toBe(1);
    expect(await prisma().ticketMessage.count({ where: { ticketId: ticket.id } })).toBe(1);
  });

  it("the same new mail 5 times at once opens one ticket with one receipt", async () => {
    const { customer, email } = await contactScene();
    const raw = rawMail({ from: email, subject: "new at once", messageId: null });
    const results = await Promise.all(Array.from({ length: 5 }, () => ingestMail({ raw, via: "smtp" })));
    expect(results.filter((result) => result.outcome === "created")).toHaveLength(1);
    expect(await prisma().ticket.count({ where: { customerId: customer.id, source: "email" } })).toBe(1);
    expect(await prisma().outboxMessage.count({ where: { to: email } })).toBe(1);
  });

  it(`${RECEIPTS_PER_SENDER_PER_HOUR + 5} different mails from one sender at once: every ticket made, exactly ${RECEIPTS_PER_SENDER_PER_HOUR} receipts`, async () => {
    const { customer, email } = await contactScene();
    const now = new Date("2026-12-01T14:20:00Z");
    const results = await Promise.all(
      Array.from({ length: RECEIPTS_PER_SENDER_PER_HOUR + 5 }, (_, index) =>
        ingestMail({ raw: rawMail({ from: email, subject: `burst ${index}` }), via: "smtp", now }),
      ),
    );
    expect(results.every((result) => result.outcome === "created")).toBe(true);
    expect(await prisma().ticket.count({ where: { customerId: customer.id, source: "email" } })).toBe(
      RECEIPTS_PER_SENDER_PER_HOUR + 5,
    );
    expect(await prisma().outboxMessage.count({ where: { to: email } })).toBe(RECEIPTS_PER_SENDER_PER_HOUR);
    expect(results.filter((result) => result.reason?.startsWith("No receipt sent"))).toHaveLength(5);
  });

  it("Make a ticket clicked twice at once on an ignored mail makes one ticket; the other click gets 409", async () => {
    const stranger = `${unique("twice")}@unknown.test`;
    // An automatic mail is ignored whatever the unknown-sender policy says, so this test does not
    // depend on a global setting other test files change.
    const ignored = await ingestMail({
      raw: rawMail({ from: stranger, subject: "Newsletter", headers: { Precedence: "bulk" } }),
      via: "imap",
    });
    expect(ignored.outcome).toBe("ignored");
    const actor = { id: (await createTechnicianRow()).id, role: "technician" as const };
    const clicks = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        makeTicketFromIgnoredMail({ actor, input: { inboundMailId: ignored.inboundMailId! } }),
      ),
    );
    expect(clicks.filter((click) => click.status === "fulfilled")).toHaveLength(1);
    expect(
      clicks
        .filter((click) => click.status === "rejected")
        .map((click) => (click as PromiseRejectedResult).reason.code),
    ).toEqual(["already_made", "already_made", "already_made"]);
    expect(await prisma().ticket.count({ where: { requesterEmail: stranger } })).toBe(1);
  });
});
