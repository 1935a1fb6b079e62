import { randomUUID } from "node:crypto";
import type { Prisma } from "@helpline/db";
import { mailDomain } from "./mail-identity.ts";

/**
 * One recipient, never a `Name <address>` string: nodemailer quotes and encodes the name itself, so
 * a display name with commas or non-ASCII letters (`Doe, Jane (IT)`, `Zoë Ünal`) stays one recipient.
 * `name` null sends the bare address.
 */
export type MailRecipient = { name: string | null; address: string };

export type OutgoingMail = { to: MailRecipient; subject: string; text: string; html: string };

/**
 * A fresh RFC 5322 §3.6.4 Message-ID, without angle brackets: a random UUID at this Helpline's mail
 * domain, so a reply naming it can be told apart from anyone else's mail.
 */
export function newMessageId(): string {
  return `${randomUUID()}@${mailDomain()}`;
}

/**
 * Writes a mail that is not about a ticket (an identity token, a portal sign-in link) into the
 * outbox inside the caller's transaction: it exists if and only if what caused it does. It gets its
 * own Message-ID under our domain and is marked `Auto-Submitted: auto-generated` (RFC 3834), so an
 * out-of-office answering it is not answered again. Ticket mail goes through `enqueueTicketMail`.
 * `kind` names what it is in the Outbox ("identity", "sign-in").
 */
export async function enqueueMail(
  tx: Prisma.TransactionClient,
  mail: OutgoingMail & { kind: string },
): Promise<{ id: string; messageId: string }> {
  const messageId = newMessageId();
  const created = await tx.outboxMessage.create({
    data: {
      to: mail.to.address,
      toName: mail.to.name,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      kind: mail.kind,
      messageId,
      autoSubmitted: true,
    },
    select: { id: true },
  });
  return { id: created.id, messageId };
}
