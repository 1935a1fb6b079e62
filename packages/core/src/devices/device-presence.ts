/** How often an idle agent checks in (each check-in is also a long-poll of up to 25 s). */
export const NEXT_CHECKIN_SECONDS = 30;

/** Online = checked in within 2 × the check-in interval + 15 s (one missed check-in is tolerated). */
const ONLINE_WINDOW_MS = (2 * NEXT_CHECKIN_SECONDS + 15) * 1000;

export function onlineSince(now: Date = new Date()): Date {
  return new Date(now.getTime() - ONLINE_WINDOW_MS);
}

export function isOnline(lastSeenAt: Date, now: Date = new Date()): boolean {
  return lastSeenAt.getTime() >= onlineSince(now).getTime();
}
