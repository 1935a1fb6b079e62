import nodemailer from "nodemailer";
import type { MailConfig } from "./mail-config.ts";
import type { OutgoingMail } from "./enqueue-mail.ts";

export type MailTransport = { mode: MailConfig["mode"]; send: (mail: OutgoingMail) => Promise<void>; close: () => void };

/** nodemailer to the relay; with the built-in catcher, "sending" is keeping the mail for the Outbox. */
export function createMailTransport(config: MailConfig): MailTransport {
  if (config.mode === "catcher") return { mode: "catcher", send: async () => {}, close: () => {} };
  const transporter = nodemailer.createTransport(config.url);
  return {
    mode: "smtp",
    send: async (mail) => {
      await transporter.sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    },
    close: () => transporter.close(),
  };
}
