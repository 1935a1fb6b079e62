import { createHash, randomBytes, randomUUID } from "node:crypto";
import { getPrisma } from "../client.ts";
import type { TechnicianRole, TicketPriority, TicketStatus } from "../generated/prisma/client.ts";

/** Every factory row signs in with this password (its scrypt hash is precomputed below). */
export const TEST_PASSWORD = "correct horse battery staple";
const TEST_PASSWORD_HASH = "scrypt$32768$8$1$aGVscGxpbmUtdGVzdHM$E53evJg58js_oOHRV0nn-w6BYYPWzkyJuxfBfis-4eI";

/** A unique suffix, so tests running in parallel on one database never collide. */
export function unique(prefix = "t"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function createTechnicianRow(options: { role?: TechnicianRole; disabled?: boolean; email?: string } = {}) {
  const id = unique();
  return getPrisma().technician.create({
    data: {
      email: options.email ?? `${id}@example.test`,
      name: `Technician ${id}`,
      passwordHash: TEST_PASSWORD_HASH,
      role: options.role ?? "technician",
      disabled: options.disabled ?? false,
    },
  });
}

export async function createCustomerRow(options: { name?: string } = {}) {
  const id = unique("customer");
  return getPrisma().customer.create({
    data: { name: options.name ?? `Customer ${id}`, installKey: `key-${id}-${randomUUID()}` },
  });
}

/** A well-formed enroll body for the agent protocol; `machineId` is unique unless given. */
export function enrollBody(installKey: string, overrides: Record<string, unknown> = {}) {
  return {
    installKey,
    machineId: unique("machine"),
    hostname: unique("PC").toUpperCase(),
    os: { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" },
    agentVersion: "1.0.0",
    ...overrides,
  };
}

/** A check-in body from a Windows 11 workstation with `currentProfile` signed in (overrides win). */
export function checkinBody(currentProfile: string | null, overrides: Record<string, unknown> = {}) {
  return {
    agentVersion: "1.2.0",
    hostname: "PC-ALICE",
    os: { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" },
    currentProfile: currentProfile === null ? null : { name: currentProfile },
    ...overrides,
  };
}

type DeviceRowOptions = {
  customerId: string;
  platform?: "windows" | "macos" | "linux";
  kind?: "workstation" | "server";
  profile?: string | null;
  helpdeskActive?: boolean;
  lastSeenAt?: Date;
};

/** A device as if enrolled and checked in, with `profile` signed in (null: nobody). */
export async function createDeviceRow(options: DeviceRowOptions) {
  const id = unique("device");
  const prisma = getPrisma();
  const device = await prisma.device.create({
    data: {
      customerId: options.customerId,
      machineId: id,
      hostname: id.toUpperCase(),
      osPlatform: options.platform ?? "windows",
      osName:
        options.platform === "linux" ? "Ubuntu 24.04" : options.platform === "macos" ? "macOS 15" : "Windows 11 Pro",
      osVersion: "1",
      osKind: options.kind ?? "workstation",
      agentVersion: "1.0.0",
      agentTokenHash: `hash-${id}`,
      lastSeenAt: options.lastSeenAt ?? new Date(),
    },
  });
  const profileName = options.profile === undefined ? "CONTOSO\\alice" : options.profile;
  if (profileName === null) return { ...device, currentProfileId: null };
  const profile = await prisma.deviceProfile.create({
    data: { deviceId: device.id, name: profileName, helpdeskActive: options.helpdeskActive ?? false },
  });
  return prisma.device.update({ where: { id: device.id }, data: { currentProfileId: profile.id } });
}

/**
 * A Windows workstation the agent can speak for (a real bearer token), with `profile` signed in and
 * the Helpdesk Agent active; `confirmed` (default) links the profile to a contact of the customer.
 */
export async function createHelpdeskDeviceRow(options: {
  customerId: string;
  confirmed?: boolean;
  email?: string;
  fullName?: string;
}) {
  const prisma = getPrisma();
  const agentToken = randomBytes(32).toString("base64url");
  const device = await createDeviceRow({ customerId: options.customerId, helpdeskActive: true });
  await prisma.device.update({
    where: { id: device.id },
    data: { agentTokenHash: createHash("sha256").update(agentToken).digest("base64url") },
  });
  const profile = await prisma.deviceProfile.findUniqueOrThrow({ where: { id: device.currentProfileId! } });
  if (options.confirmed === false) return { device, agentToken, profile, contact: null };
  const contact = await prisma.contact.create({
    data: {
      customerId: options.customerId,
      email: options.email ?? `${unique("contact")}@example.test`,
      fullName: options.fullName ?? "Alice Martin",
    },
  });
  await prisma.deviceProfile.update({ where: { id: profile.id }, data: { contactId: contact.id } });
  return { device, agentToken, profile, contact };
}

/** A ticket row as if opened by `contactId` (when given) on a customer. */
export async function createTicketRow(options: {
  customerId: string;
  contactId?: string;
  deviceId?: string;
  title?: string;
  status?: TicketStatus;
  priority?: TicketPriority;
  assigneeId?: string;
}) {
  return getPrisma().ticket.create({
    data: {
      customerId: options.customerId,
      contactId: options.contactId ?? null,
      deviceId: options.deviceId ?? null,
      title: options.title ?? `Printer ${unique("ticket")} is jammed`,
      description: "It blinks orange.",
      status: options.status ?? "open",
      priority: options.priority ?? "medium",
      assigneeId: options.assigneeId ?? null,
      source: "console",
    },
  });
}
