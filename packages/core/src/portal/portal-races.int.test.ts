import { getPrisma } from "@helpline/db";
import {
  createCustomerRow,
  createHelpdeskDeviceRow,
  createTechnicianRow,
  createTicketRow,
  unique,
} from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { updateTicket } from "../tickets/update-ticket.ts";
import { createAgentPortalLink } from "./create-agent-portal-link.ts";
import { getPortalSession } from "./get-portal-session.ts";
import { PORTAL_SIGN_IN_LIMIT } from "./portal-links.ts";
import { redeemPortalLink } from "./redeem-portal-link.ts";
import { replyAsContact } from "./reply-as-contact.ts";
import { requestPortalSignIn } from "./request-portal-sign-in.ts";
import { setPortalTicketStatus } from "./set-portal-ticket-status.ts";

// Requests fired together: read-then-write races show only on PostgreSQL (PGlite runs one
// transaction at a time), where these assertions matter; on PGlite they check the same rules.
const PUBLIC_URL = "https://helpdesk.example.test";
const settled = <T>(promises: Promise<T>[]) => Promise.allSettled(promises);

async function contactWithTicket() {
  const customer = await createCustomerRow();
  const row = await createHelpdeskDeviceRow({ customerId: customer.id, email: `${unique("grace")}@contoso.test` });
  const ticket = await createTicketRow({ customerId: customer.id, contactId: row.contact!.id });
  const link = await createAgentPortalLink({
    deviceId: row.device.id,
    profile: row.profile.name,
    publicUrl: PUBLIC_URL,
  });
  const { sessionToken } = await redeemPortalLink({ token: link.url.split("/").at(-1)! });
  return { ...row, ticket, contact: (await getPortalSession({ sessionToken }))! };
}

describe("the Customer Portal under concurrent requests", () => {
  it("sign-in links asked for at once are throttled exactly: 20 per network address, 3 per email address", async () => {
    const ip = `198.51.100.${unique("ip")}`;
    const byIp = await settled(
      Array.from({ length: 30 }, () =>
        requestPortalSignIn({ input: { email: `${unique("who")}@example.test` }, ip, publicUrl: PUBLIC_URL }),
      ),
    );
    expect(byIp.filter((result) => result.status === "fulfilled")).toHaveLength(PORTAL_SIGN_IN_LIMIT.perIp);
    expect(
      byIp
        .filter((result) => result.status === "rejected")
        .map((result) => (result as PromiseRejectedResult).reason.code),
    ).toEqual(Array(10).fill("too_many_requests"));

    const { contact } = await contactWithTicket();
    const byEmail = await settled(
      Array.from({ length: 10 }, (_, index) =>
        requestPortalSignIn({ input: { email: contact.email }, ip: `${unique("ip")}-${index}`, publicUrl: PUBLIC_URL }),
      ),
    );
    expect(byEmail.filter((result) => result.status === "fulfilled")).toHaveLength(PORTAL_SIGN_IN_LIMIT.perEmail);
    expect(await getPrisma().portalLink.count({ where: { contactId: contact.id, via: "email" } })).toBe(
      PORTAL_SIGN_IN_LIMIT.perEmail,
    );
  });

  it("a mailed link and an agent link, each opened 10 times at once, open exactly one session", async () => {
    const { device, profile, contact } = await contactWithTicket();
    const before = await getPrisma().portalSession.count({ where: { contactId: contact.id } });
    await requestPortalSignIn({ input: { email: contact.email }, ip: unique("ip"), publicUrl: PUBLIC_URL });
    const mail = await getPrisma().outboxMessage.findFirstOrThrow({
      where: { to: contact.email, subject: { startsWith: "Sign in" } },
      orderBy: { createdAt: "desc" },
    });
    const mailed = /\/portal\/sign-in\/([A-Za-z0-9_-]+)/.exec(mail.text!)![1]!;
    const agent = (
      await createAgentPortalLink({ deviceId: device.id, profile: profile.name, publicUrl: PUBLIC_URL })
    ).url
      .split("/")
      .at(-1)!;
    for (const token of [mailed, agent]) {
      const results = await settled(Array.from({ length: 10 }, () => redeemPortalLink({ token })));
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      expect(
        results
          .filter((result) => result.status === "rejected")
          .map((result) => (result as PromiseRejectedResult).reason.code),
      ).toEqual(Array(9).fill("invalid_link"));
    }
    expect(await getPrisma().portalSession.count({ where: { contactId: contact.id } })).toBe(before + 2);
  });

  it("Close pressed 5 times at once closes once, with one audit line; a reply and a close at once agree with the audit log", async () => {
    const { contact, ticket } = await contactWithTicket();
    const closes = await Promise.all(
      Array.from({ length: 5 }, () =>
        setPortalTicketStatus({ contact, input: { number: ticket.number, action: "close" } }),
      ),
    );
    expect(closes.filter((result) => result.changed)).toHaveLength(1);
    const audit = await getPrisma().auditEvent.findMany({
      where: { subject: `ticket:${ticket.id}`, action: "ticket.updated" },
    });
    expect(audit.map((event) => event.data)).toEqual([
      { number: ticket.number, changes: { status: { from: "open", to: "closed" } } },
    ]);

    const reopens = await Promise.all(
      Array.from({ length: 5 }, () =>
        setPortalTicketStatus({ contact, input: { number: ticket.number, action: "reopen" } }),
      ),
    );
    expect(reopens.filter((result) => result.changed)).toHaveLength(1);
    const technician = await createTechnicianRow();
    await updateTicket({
      actor: { id: technician.id, role: "technician" },
      input: { ticketId: ticket.id, status: "resolved" },
    });
    // The reply reopens a resolved ticket; the close closes it: whichever goes second sees the first.
    const [reply, close] = await Promise.allSettled([
      replyAsContact({ contact, input: { number: ticket.number, body: "It is back." }, consoleUrl: null }),
      setPortalTicketStatus({ contact, input: { number: ticket.number, action: "close" } }),
    ]);
    const status = (await getPrisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status;
    const changes = (
      await getPrisma().auditEvent.findMany({ where: { subject: `ticket:${ticket.id}` }, orderBy: { at: "asc" } })
    )
      .map((event) => (event.data as { changes?: { status?: { from: string; to: string } } }).changes?.status)
      .filter(Boolean);
    // Every recorded change starts where the one before it ended, and the last one is where the ticket is.
    for (let index = 1; index < changes.length; index++) expect(changes[index]!.from).toBe(changes[index - 1]!.to);
    expect(changes.at(-1)!.to).toBe(status);
    expect(close.status).toBe("fulfilled");
    if (reply.status === "rejected") expect(reply.reason.code).toBe("ticket_closed");
  });
});
