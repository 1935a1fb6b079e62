import type { Prisma } from "@helpline/db";
import { escapeLike } from "../search/escape-like.ts";
import { onlineSince } from "./device-presence.ts";
import type { TDeviceFilter } from "./device-input.ts";

/** The devices a list (or a bulk action over "all N devices") is about, as a Prisma where. */
export function deviceWhere(filter: TDeviceFilter, now: Date = new Date()): Prisma.DeviceWhereInput {
  const since = onlineSince(now);
  const search = escapeLike(filter.search);
  return {
    ...(filter.customerId ? { customerId: filter.customerId } : {}),
    ...(filter.os ? { osPlatform: filter.os } : {}),
    ...(filter.status === "online"
      ? { lastSeenAt: { gte: since } }
      : filter.status === "offline"
        ? { lastSeenAt: { lt: since } }
        : {}),
    ...(filter.helpdesk === "not_active"
      ? { OR: [{ currentProfileId: null }, { currentProfile: { helpdeskActive: false } }] }
      : filter.helpdesk === "awaiting_identity"
        ? { currentProfile: { helpdeskActive: true, contactId: null } }
        : filter.helpdesk === "confirmed"
          ? { currentProfile: { helpdeskActive: true, contactId: { not: null } } }
          : {}),
    ...(filter.search
      ? {
          AND: [
            {
              OR: [
                { hostname: { contains: search, mode: "insensitive" } },
                { currentProfile: { name: { contains: search, mode: "insensitive" } } },
                { ip: { startsWith: search } },
              ],
            },
          ],
        }
      : {}),
  };
}
