import type { TAgentNotification } from "@helpline/protocol";
import { MAX_ACK_NOTIFICATIONS } from "@helpline/protocol";

/** A technician's public reply the agent was told about (protocol: `kind: "reply"`). */
export type ReplyNotification = TAgentNotification;

// Delivered notifications are kept this long for a late click, then forgotten.
const KEEP_DELIVERED = 100;

/**
 * The reply notifications of the check-in answers, between the server and the people they are
 * for. The server repeats a notification in every answer until the agent acknowledges its id
 * (protocol, `ackNotifications`), so: a notification is delivered once (to its profile's tray, or
 * shown on its local page), then acknowledged in every check-in until an answer no longer lists
 * it — an acknowledgement lost with a failed check-in is simply sent again.
 */
export class ReplyNotifications {
  private readonly known = new Map<string, { notification: ReplyNotification; delivered: boolean }>();
  private readonly unconfirmed = new Set<string>();

  /** Takes one answer's `notifications` (kinds other than "reply" are ignored, as the protocol says). */
  take(notifications: readonly TAgentNotification[] | undefined): void {
    const listed = new Set<string>();
    for (const notification of notifications ?? []) {
      if (notification.kind !== "reply") continue;
      listed.add(notification.id);
      if (!this.known.has(notification.id)) this.known.set(notification.id, { notification, delivered: false });
    }
    for (const id of this.unconfirmed) if (!listed.has(id)) this.unconfirmed.delete(id);
    const delivered = [...this.known].filter(([id, entry]) => entry.delivered && !this.unconfirmed.has(id));
    for (const [id] of delivered.slice(0, Math.max(0, delivered.length - KEEP_DELIVERED))) this.known.delete(id);
  }

  /** Not yet delivered, for `profile` (DOMAIN\user, any case), oldest first. */
  undelivered(profile: string): ReplyNotification[] {
    const key = profile.toLowerCase();
    return [...this.known.values()]
      .filter((entry) => !entry.delivered && entry.notification.profile.toLowerCase() === key)
      .map((entry) => entry.notification);
  }

  /** `id` reached its person (a tray showed it, or a page did): acknowledge it from now on. */
  delivered(id: string): void {
    const entry = this.known.get(id);
    if (!entry || entry.delivered) return;
    entry.delivered = true;
    this.unconfirmed.add(id);
  }

  /** A notification the agent was told about (for a click on it), or undefined. */
  find(id: string): ReplyNotification | undefined {
    return this.known.get(id)?.notification;
  }

  /** The ids for the next check-in's `ackNotifications` (at most the protocol's maximum). */
  acknowledgements(): string[] {
    return [...this.unconfirmed].slice(0, MAX_ACK_NOTIFICATIONS);
  }
}
