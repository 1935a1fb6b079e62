import { randomUUID } from "node:crypto";
import { getPrisma } from "@helpline/db";
import { createCustomerRow, createTechnicianRow, createTicketRow, unique } from "@helpline/db/testing";
import type { TicketStatus } from "@helpline/db";

/**
 * Scenes for the inbound-mail tests: raw RFC 5322 messages written by hand (CRLF line ends, as
 * IMAP and SMTP deliver them) and customers with contacts and tickets from the db factories.
 */
export type TestMail = {
  from: string;
  to?: string;
  subject: string;
  body?: string;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
};

export function rawMail(mail: TestMail): Buffer {
  const messageId = mail.messageId === undefined ? `${randomUUID()}@client.example.test` : mail.messageId;
  const lines = [
    `From: ${mail.from}`,
    `To: ${mail.to ?? "support@helpdesk.example.test"}`,
    `Subject: ${mail.subject}`,
    "Date: Tue, 01 Dec 2026 09:30:00 +0100",
    ...(messageId ? [`Message-ID: <${messageId}>`] : []),
    ...(mail.inReplyTo ? [`In-Reply-To: <${mail.inReplyTo}>`] : []),
    ...(mail.references ? [`References: ${mail.references.map((id) => `<${id}>`).join(" ")}`] : []),
    ...Object.entries(mail.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    mail.body ?? "Hello, the printer on the second floor is jammed again.",
    "",
  ];
  return Buffer.from(lines.join("\r\n"), "utf8");
}

/**
 * A customer with one contact at a fresh address, and a ticket of theirs assigned to a fresh
 * technician (so a reply notifies one known address) whose sent mail id is in the thread index.
 */
export async function contactScene(options: { status?: TicketStatus } = {}) {
  const customer = await createCustomerRow();
  const email = `${unique("alice")}@contoso.test`;
  const contact = await getPrisma().contact.create({
    data: { customerId: customer.id, email, fullName: "Alice Martin" },
  });
  const assignee = await createTechnicianRow();
  const ticket = await createTicketRow({
    customerId: customer.id,
    contactId: contact.id,
    status: options.status,
    assigneeId: assignee.id,
  });
  const sentId = `${randomUUID()}@helpdesk.example.test`;
  await getPrisma().ticketMailId.create({ data: { messageId: sentId, ticketId: ticket.id, direction: "sent" } });
  return { customer, contact, email, ticket, sentId, assignee };
}

/** A customer with one contact, Jane Doe, at a fresh address, and no ticket yet. */
export async function contactRow() {
  const customer = await createCustomerRow();
  const email = `${unique("user")}@customer.example.test`;
  const contact = await getPrisma().contact.create({
    data: { customerId: customer.id, fullName: "Jane Doe", email },
  });
  return { customer, contact };
}

/** The InboundMail row of a dedupe key (a Message-ID without <>), or null. */
export const inboundByKey = (dedupeKey: string) => getPrisma().inboundMail.findUnique({ where: { dedupeKey } });

/** The InboundMail row of a dedupe key and the ticket it is on; throws when either is missing. */
export async function storedTicket(dedupeKey: string) {
  const stored = await getPrisma().inboundMail.findUniqueOrThrow({ where: { dedupeKey } });
  const ticket = await getPrisma().ticket.findUniqueOrThrow({ where: { id: stored.ticketId ?? "" } });
  return { stored, ticket };
}

/** A 1×1 PNG, as an inline image or attachment would carry. */
export const PNG_BYTES = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
