import { getPrisma, type Prisma } from "@helpline/db";
import { CLONE_FLAG_SELECT, cloneFlag } from "./clone-flag.ts";
import { deviceWhere } from "./device-where.ts";
import { isOnline } from "./device-presence.ts";
import { helpdeskState } from "../helpdesk/helpdesk-rules.ts";
import { DEVICE_PAGE_SIZE, type TListDevicesInput } from "./device-input.ts";

function orderBy(input: TListDevicesInput): Prisma.DeviceOrderByWithRelationInput[] {
  const direction = input.direction;
  const primary: Prisma.DeviceOrderByWithRelationInput =
    input.sort === "customer"
      ? { customer: { name: direction } }
      : input.sort === "os"
        ? { osName: direction }
        : input.sort === "lastSeen"
          ? { lastSeenAt: direction }
          : { hostname: direction };
  // The id makes the order total, so pages never repeat or skip a device.
  return [primary, { id: "asc" }];
}

/** One page of the Devices list (all customers, or one), filtered and sorted in the database. */
export async function listDevices(options: { input: TListDevicesInput; now?: Date }) {
  const { input } = options;
  const now = options.now ?? new Date();
  const where = deviceWhere(input, now);
  const prisma = getPrisma();
  const [total, rows] = await Promise.all([
    prisma.device.count({ where }),
    prisma.device.findMany({
      where,
      orderBy: orderBy(input),
      skip: (input.page - 1) * DEVICE_PAGE_SIZE,
      take: DEVICE_PAGE_SIZE,
      select: {
        id: true,
        hostname: true,
        osName: true,
        osVersion: true,
        osPlatform: true,
        osKind: true,
        lastSeenAt: true,
        customer: { select: { id: true, name: true } },
        currentProfile: { select: { name: true, displayName: true, helpdeskActive: true, contactId: true } },
        ...CLONE_FLAG_SELECT,
      },
    }),
  ]);
  return {
    total,
    page: input.page,
    pageSize: DEVICE_PAGE_SIZE,
    devices: rows.map((row) => {
      const { cloneOf: _cloneOf, possibleClones: _possibleClones, _count, ...device } = row;
      return {
        ...device,
        online: isOnline(row.lastSeenAt, now),
        helpdesk: helpdeskState(row.currentProfile),
        possibleClone: cloneFlag(row),
      };
    }),
  };
}
