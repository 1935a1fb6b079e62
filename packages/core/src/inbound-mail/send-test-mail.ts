import { randomBytes, randomUUID } from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { config, type HelplineConfig } from "../config/config.ts";
import { DomainError } from "../errors.ts";
import { getPrisma } from "@helpline/db";
import { mailDomain } from "../mail/mail-identity.ts";
import { SMTP_STEP_TIMEOUT_MS } from "../mail/mail-transport.ts";
import { TEST_MAIL_HEADER } from "./parse-inbound-mail.ts";
import { deleteTestMailRecord, saveTestMailRecord } from "./test-mail-record.ts";

export type TestMailRoute = "relay" | "listener";

// A listener bound to every interface is reached on loopback from inside the same machine.
const ANY_INTERFACE = new Set(["0.0.0.0", "::", "[::]", ""]);

type Settings = Pick<HelplineConfig, "mail" | "inbound" | "publicUrl">;

/**
 * How the test mail leaves: through the relay (`SMTP_URL`), so it takes the way a customer's reply
 * takes (relay → MX → the IMAP mailbox or the inbound SMTP listener); with no relay, straight into
 * the inbound SMTP listener, which still tests parsing and ingest end to end. Neither: 409.
 */
function routeOf(settings: Settings): { route: TestMailRoute; transport: Transporter } {
  const timeouts = {
    connectionTimeout: SMTP_STEP_TIMEOUT_MS,
    greetingTimeout: SMTP_STEP_TIMEOUT_MS,
    socketTimeout: SMTP_STEP_TIMEOUT_MS,
  };
  if (!settings.inbound.imap && !settings.inbound.smtp) {
    throw new DomainError(
      "test_mail_no_inbox",
      "Helpline receives no mail yet: set IMAP_URL to the mailbox of the reply-to address, or INBOUND_SMTP_PORT for the inbound SMTP listener.",
      409,
    );
  }
  if (settings.mail.mode === "smtp") {
    return { route: "relay", transport: nodemailer.createTransport({ url: settings.mail.url, ...timeouts }) };
  }
  const listener = settings.inbound.smtp;
  if (!listener) {
    throw new DomainError(
      "test_mail_no_route",
      "A test mail cannot round-trip: with no relay (SMTP_URL) Helpline keeps its mail in the built-in catcher, and the inbound SMTP listener is off. Set SMTP_URL, or INBOUND_SMTP_PORT.",
      409,
    );
  }
  const host = ANY_INTERFACE.has(listener.host) ? "127.0.0.1" : listener.host;
  return {
    route: "listener",
    transport: nodemailer.createTransport({
      host,
      port: listener.port,
      secure: false,
      // Our own listener, reached by an address its certificate (issued for the MX name) does not name.
      tls: { rejectUnauthorized: false },
      ...timeouts,
    }),
  };
}

/**
 * Settings ▸ Email ▸ Send a test mail to Helpline (admins): mails the reply-to address from the
 * From address with a fresh `Message-ID: <uuid@mailDomain()>` (RFC 5322 §3.6.4), the header
 * `X-Helpline-Test-Mail: <random token>` by which the ingest service records it as outcome "test"
 * (no ticket), and `Auto-Submitted: auto-generated` (RFC 3834) so no mail program answers it.
 * Returns the Message-ID (no `<>`) to poll `getTestMailResult` with, the send time (UTC, ms) and
 * the route. Throws DomainError 409 when no route or no inbox exists or the SMTP server refuses.
 * Audited as `settings.email.test_mail`.
 */
export async function sendTestMail(options: {
  actor: TechnicianActor;
  settings?: Settings;
}): Promise<{ messageId: string; sentAt: Date; route: TestMailRoute }> {
  requireAdmin(options.actor);
  const settings = options.settings ?? config();
  const { route, transport } = routeOf(settings);
  const messageId = `${randomUUID()}@${mailDomain(settings)}`;
  const token = randomBytes(16).toString("hex");
  const sentAt = new Date();
  await saveTestMailRecord(messageId, { token, sentAt });
  try {
    await transport.sendMail({
      from: settings.mail.from,
      to: settings.mail.replyTo,
      subject: "Helpline test mail",
      text: `Helpline sent this mail to ${settings.mail.replyTo} from Settings ▸ Email to check that mail to that address reaches it. Helpline records it and opens no ticket.`,
      messageId: `<${messageId}>`,
      headers: { [TEST_MAIL_HEADER]: token, "Auto-Submitted": "auto-generated" },
    });
  } catch (error) {
    await deleteTestMailRecord(messageId);
    const where = route === "relay" ? "The relay (SMTP_URL)" : "The inbound SMTP listener";
    throw new DomainError(
      "test_mail_not_sent",
      `${where} did not take the test mail: ${(error as Error).message}`,
      409,
    );
  } finally {
    transport.close();
  }
  await recordAuditEvent(getPrisma(), {
    actor: { type: "technician", id: options.actor.id },
    action: "settings.email.test_mail",
    data: { messageId, route },
  });
  return { messageId, sentAt, route };
}
