import { getPrisma, type Prisma } from "@helpline/db";
import { z } from "zod";
import { helpdeskState } from "../helpdesk/helpdesk-rules.ts";
import { readPageCursor, toPage } from "../paging/page-cursor.ts";
import { CLONE_FLAG_SELECT, cloneFlag } from "./clone-flag.ts";
import { isOnline } from "./device-presence.ts";
import { deviceWhere } from "./device-where.ts";
import type { TPageDevicesInput } from "./device-input.ts";
import { INVENTORY_SELECT } from "./find-device-by-token.ts";

const LIST = "api devices";
const ZDeviceKey = z.tuple([z.string(), z.uuid()]);

/**
 * One page of devices for the REST API, by hostname then id (the Device(hostname, id) and
 * Device(customerId, hostname, id) indexes), filtered as the Devices list is (`deviceWhere`:
 * customer, search in hostname, profile name or IP prefix, OS, online/offline as of `now`, helpdesk
 * state). Each row: inventory, first and last check-in (UTC), `online`, the profile signed in now
 * with its helpdesk state, and the possible-clone flag. Every technician sees every device.
 * Throws DomainError `invalid_cursor` (400) for a cursor not made by this list.
 */
export async function pageDevices(options: { input: TPageDevicesInput; now?: Date }) {
  const { input } = options;
  const now = options.now ?? new Date();
  const after = input.cursor ? await readPageCursor(input.cursor, LIST, ZDeviceKey) : null;
  const where: Prisma.DeviceWhereInput = {
    AND: [
      deviceWhere(input, now),
      // The `gte` repeats what the OR implies so PostgreSQL starts the index scan at the cursor.
      after
        ? {
            hostname: { gte: after[0] },
            OR: [{ hostname: { gt: after[0] } }, { hostname: after[0], id: { gt: after[1] } }],
          }
        : {},
    ],
  };
  const rows = await getPrisma().device.findMany({
    where,
    orderBy: [{ hostname: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    select: {
      id: true,
      ...INVENTORY_SELECT,
      firstSeenAt: true,
      lastSeenAt: true,
      customer: { select: { id: true, name: true } },
      currentProfile: { select: { name: true, displayName: true, helpdeskActive: true, contactId: true } },
      ...CLONE_FLAG_SELECT,
    },
  });
  const devices = rows.map((row) => {
    const { cloneOf: _cloneOf, possibleClones: _possibleClones, _count, ...device } = row;
    return {
      ...device,
      online: isOnline(row.lastSeenAt, now),
      helpdesk: helpdeskState(row.currentProfile),
      possibleClone: cloneFlag(row),
    };
  });
  return toPage(devices, { limit: input.limit, list: LIST, key: (device) => [device.hostname, device.id] });
}
