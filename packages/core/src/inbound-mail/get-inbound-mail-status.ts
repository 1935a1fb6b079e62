import { getPrisma } from "@helpline/db";
import type { TechnicianActor } from "../actor.ts";
import { config, type HelplineConfig } from "../config/config.ts";

/**
 * What one way of receiving mail is doing. `off`: not configured. `starting`: configured, but no
 * process has reported on it yet (the console alone before the first start, or the server still
 * starting). The rest is what the running transport last wrote into InboundChannelStatus:
 * `connecting` / `connected` (IMAP), `listening` (inbound SMTP), `error`.
 */
export type InboundChannelState = "off" | "starting" | "connecting" | "connected" | "listening" | "error";

export type InboundChannelReport = {
  state: InboundChannelState;
  /** The mailbox or address the transport reported, never with credentials. */
  detail: string | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  lastMessageAt: Date | null;
  /** When the transport last wrote its state (UTC). */
  updatedAt: Date | null;
};

export type InboundMailStatus = {
  /** `HELPLINE_MAIL_REPLY_TO` (or the From address): where replies to Helpline's mail go. */
  replyTo: string;
  /** The mailbox `IMAP_URL` names, as `host/folder` without user or password; null when off. */
  imap: InboundChannelReport & { mailbox: string | null };
  /** The listener `INBOUND_SMTP_*` configures; null fields when off. */
  smtp: InboundChannelReport & { host: string | null; port: number | null; recipients: string[] };
};

const STATES: readonly InboundChannelState[] = ["connecting", "connected", "listening", "error"];

function report(
  configured: boolean,
  row:
    | {
        state: string;
        detail: string | null;
        lastError: string | null;
        lastErrorAt: Date | null;
        lastMessageAt: Date | null;
        updatedAt: Date;
      }
    | undefined,
): InboundChannelReport {
  const empty = { detail: null, lastError: null, lastErrorAt: null, lastMessageAt: null, updatedAt: null };
  // A row left behind by an earlier configuration says nothing about a channel that is now off.
  if (!configured) return { state: "off", ...empty };
  if (!row) return { state: "starting", ...empty };
  const state = STATES.find((known) => known === row.state) ?? "error";
  return {
    state,
    detail: row.detail,
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt,
    lastMessageAt: row.lastMessageAt,
    updatedAt: row.updatedAt,
  };
}

/** `imaps://user:pass@mail.example.com:993/INBOX` → `mail.example.com:993/INBOX` (no credentials, ever). */
function mailboxOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.host}${decodeURIComponent(parsed.pathname) || "/INBOX"}`;
}

/**
 * Settings ▸ Email's status panel, for any signed-in technician (it holds no secret): the reply-to
 * address and, per channel (IMAP, inbound SMTP), its configuration from the environment merged
 * with the state the transports last wrote into InboundChannelStatus. `settings` is the
 * configuration (tests pass their own). Times are Dates (UTC).
 */
export async function getInboundMailStatus(options: {
  actor: TechnicianActor;
  settings?: Pick<HelplineConfig, "mail" | "inbound">;
}): Promise<InboundMailStatus> {
  const { mail, inbound } = options.settings ?? config();
  const rows = await getPrisma().inboundChannelStatus.findMany({ where: { channel: { in: ["imap", "smtp"] } } });
  const byChannel = new Map(rows.map((row) => [row.channel, row]));
  return {
    replyTo: mail.replyTo,
    imap: {
      ...report(inbound.imap !== null, byChannel.get("imap")),
      mailbox: inbound.imap ? mailboxOf(inbound.imap.url) : null,
    },
    smtp: {
      ...report(inbound.smtp !== null, byChannel.get("smtp")),
      host: inbound.smtp?.host ?? null,
      port: inbound.smtp?.port ?? null,
      recipients: inbound.smtp?.recipients ?? [],
    },
  };
}
