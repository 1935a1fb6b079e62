import nodemailer from "nodemailer";
import type { MailConfig } from "../config/config.ts";
import type { OutgoingMail } from "./enqueue-mail.ts";

export type MailTransport = {
  mode: MailConfig["mode"];
  send: (mail: OutgoingMail) => Promise<void>;
  close: () => void;
};

/**
 * How long a send may wait on any one step (connecting, the greeting, each reply): far under
 * nodemailer's defaults (2 min, 30 s, 10 min of silence), so a stuck relay fails the attempt, to be
 * retried, well before the outbox's lease on that message runs out (see deliver-due-mail.ts).
 */
export const SMTP_STEP_TIMEOUT_MS = 20_000;

/** nodemailer to the relay; with the built-in catcher, "sending" is keeping the mail for the Outbox. */
export function createMailTransport(
  config: { mode: "catcher"; from: string } | { mode: "smtp"; url: string; from: string },
): MailTransport {
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
      await transporter.sendMail({
        from: config.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
    },
    close: () => transporter.close(),
  };
}
