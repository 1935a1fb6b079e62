import nodemailer from "nodemailer";
import type { MailConfig } from "../config/config.ts";
import type { MailRecipient } from "./enqueue-mail.ts";
import { LOOP_HEADER, mailDomain } from "./mail-identity.ts";

/**
 * A mail as the outbox hands it to the transport. Ids are without angle brackets; `messageId` null
 * only for mail queued before threading existed (nodemailer then makes one). `references` oldest
 * first. `autoSubmitted` adds `Auto-Submitted: auto-generated` (RFC 3834).
 */
export type TransportMail = {
  to: MailRecipient;
  subject: string;
  text: string;
  html: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  autoSubmitted: boolean;
};

export type MailTransport = {
  mode: MailConfig["mode"];
  send: (mail: TransportMail) => Promise<void>;
  close: () => void;
};

/**
 * How long a send may wait on any one step (connecting, the greeting, each reply): far under
 * nodemailer's defaults (2 min, 30 s, 10 min of silence), so a stuck relay fails the attempt, to be
 * retried, well before the outbox's lease on that message runs out (see deliver-due-mail.ts).
 */
export const SMTP_STEP_TIMEOUT_MS = 20_000;

const bracketed = (id: string) => `<${id}>`;

/**
 * The headers of one mail, as nodemailer message options: `from` as configured, `to` as an address
 * object (nodemailer quotes and RFC 2047-encodes the name), `Reply-To` the address Helpline
 * receives, the thread headers, and on every mail the loop header naming our mail domain (an
 * incoming mail carrying it is our own come back and is never answered).
 */
function mailHeaders(mail: TransportMail, sender: { from: string; replyTo: string }) {
  return {
    from: sender.from,
    to: { name: mail.to.name ?? "", address: mail.to.address },
    replyTo: sender.replyTo,
    subject: mail.subject,
    ...(mail.messageId ? { messageId: bracketed(mail.messageId) } : {}),
    ...(mail.inReplyTo ? { inReplyTo: bracketed(mail.inReplyTo) } : {}),
    ...(mail.references.length > 0 ? { references: mail.references.map(bracketed) } : {}),
    headers: {
      [LOOP_HEADER]: mailDomain(),
      ...(mail.autoSubmitted ? { "Auto-Submitted": "auto-generated" } : {}),
    },
  };
}

/** nodemailer to the relay; with the built-in catcher, "sending" is keeping the mail for the Outbox. */
export function createMailTransport(config: MailConfig): MailTransport {
  if (config.mode === "catcher") return { mode: "catcher", send: async () => {}, close: () => {} };
  const transporter = nodemailer.createTransport({
    url: config.url,
    connectionTimeout: SMTP_STEP_TIMEOUT_MS,
    greetingTimeout: SMTP_STEP_TIMEOUT_MS,
    socketTimeout: SMTP_STEP_TIMEOUT_MS,
  });
  return {
    mode: "smtp",
    send: async (mail) => {
      await transporter.sendMail({ ...mailHeaders(mail, config), text: mail.text, html: mail.html });
    },
    close: () => transporter.close(),
  };
}
