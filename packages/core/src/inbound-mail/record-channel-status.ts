import { getPrisma } from "@helpline/db";

/** The two ways mail comes in, as rows of InboundChannelStatus. */
export type InboundChannel = "imap" | "smtp";

/**
 * What a channel reports about itself: `connecting` / `connected` (IMAP), `listening` (SMTP) or
 * `error` with the error in words. `detail` names what it serves (host and mailbox, or address and
 * port) and never carries a password.
 */
export type ChannelStatusUpdate =
  | { channel: InboundChannel; state: "connecting" | "connected" | "listening"; detail: string }
  | { channel: InboundChannel; state: "error"; detail: string; error: string };

// A line a technician reads on Settings ▸ Email, not a stack trace.
const MAX_ERROR_LENGTH = 500;

/**
 * Records a channel's state on its InboundChannelStatus row (one row per channel, upserted: with
 * several serving processes the latest report wins). An error also sets lastError/lastErrorAt;
 * other states keep the last error for the page to show. Never throws: the database being down is
 * the likeliest error a channel reports, and reporting it must not take the channel down.
 */
export async function recordChannelStatus(update: ChannelStatusUpdate, now: Date = new Date()): Promise<void> {
  const error =
    update.state === "error" ? { lastError: update.error.slice(0, MAX_ERROR_LENGTH), lastErrorAt: now } : {};
  await getPrisma()
    .inboundChannelStatus.upsert({
      where: { channel: update.channel },
      create: { channel: update.channel, state: update.state, detail: update.detail, ...error },
      update: { state: update.state, detail: update.detail, ...error },
    })
    .catch(() => undefined);
}

/** Records that a channel handed a message to Helpline at `now` (Settings ▸ Email's "last message"). Never throws. */
export async function recordChannelMessage(channel: InboundChannel, now: Date = new Date()): Promise<void> {
  await getPrisma()
    .inboundChannelStatus.updateMany({ where: { channel }, data: { lastMessageAt: now } })
    .catch(() => undefined);
}
