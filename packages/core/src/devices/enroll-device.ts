import { getPrisma, type Prisma } from "@helpline/db";
import type { TEnrollRequest } from "@helpline/protocol";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { generateSecret, hashSecret } from "../secrets.ts";
import { notifyDeviceChanged } from "./device-channel.ts";
import {
  cloneReasonText,
  judgeEnroll,
  REPEAT_WINDOW_MS,
  TOKEN_GRACE_MS,
  type EnrollCandidate,
  type EnrollDecision,
  type PresentedToken,
} from "./enroll-rules.ts";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event.ts";
import { deviceEvent } from "../webhooks/webhook-payloads.ts";

export type EnrollResult = { created: boolean; deviceId: string; agentToken: string };

/**
 * Enrolls a machine under the customer whose install key it presents (`401 invalid_install_key`
 * otherwise). A machineId the customer already has is that device again only when the enroll
 * proves it (enroll-rules.ts: its previous agent token, or the same hardware id and hostname, or
 * the same enroll repeated at once); the device then gets a new token and its previous one keeps
 * working for TOKEN_GRACE_MS, so every answer of enrolls racing each other works. Otherwise it is
 * a new device that inherits nothing, flagged with the audit log as a possible clone.
 *
 * Enrolls of one (customer, machineId) are serialised by a transaction-scoped advisory lock: on
 * PostgreSQL they may arrive at once (an RMM script, a retry), and deciding reads the devices
 * with that machineId, of which there may be none yet — no row to lock.
 */
export async function enrollDevice(request: TEnrollRequest): Promise<EnrollResult> {
  const agentToken = generateSecret();
  const agentTokenHash = hashSecret(agentToken);
  const hardwareId = request.hardwareId ?? null;
  return getPrisma().$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { installKey: request.installKey }, select: { id: true } });
    if (!customer)
      throw new DomainError(
        "invalid_install_key",
        "This install key is not valid. Copy the current key from the customer's page.",
        401,
      );
    // hashtextextended: one 64-bit key per (customer, machineId); a collision only makes two
    // unrelated enrolls wait for each other.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`enroll:${customer.id}:${request.machineId}`}, 0))`;
    const now = new Date();
    const candidates = await findCandidates(tx, {
      customerId: customer.id,
      machineId: request.machineId,
      hostname: request.hostname,
      hardwareId,
      now,
    });
    const presented = request.previousAgentToken
      ? await findPresentedToken(tx, customer.id, hashSecret(request.previousAgentToken))
      : null;
    const decision = judgeEnroll({
      claim: { machineId: request.machineId, hostname: request.hostname, hardwareId },
      candidates,
      token: presented,
      now,
    });
    const inventory = {
      hostname: request.hostname,
      osPlatform: request.os.platform,
      osName: request.os.name,
      osVersion: request.os.version,
      osKind: request.os.kind,
      agentVersion: request.agentVersion,
      lastSeenAt: now,
      // Heard from again: its next absence is announced (device.offline) anew.
      offlineAnnouncedAt: null,
    };

    if (decision.kind === "same") {
      await supersedeToken(
        tx,
        decision,
        presented,
        request.previousAgentToken ? hashSecret(request.previousAgentToken) : null,
        now,
      );
      await tx.device.update({
        where: { id: decision.deviceId },
        // A device enrolled before agents sent a hardware id learns it from its first proven re-enroll.
        data: { ...inventory, agentTokenHash, ...(hardwareId ? { hardwareId } : {}) },
      });
      await recordAuditEvent(tx, {
        actor: { type: "system" },
        action: "device.re_enrolled",
        subject: `device:${decision.deviceId}`,
        data: { customerId: customer.id, hostname: request.hostname, proof: decision.proof },
      });
      // Other processes drop what they cached for this device (its hardware id among it).
      await notifyDeviceChanged(tx, [decision.deviceId]);
      return { created: false, deviceId: decision.deviceId, agentToken };
    }

    const cloneOf = decision.possibleCloneOf;
    const original = cloneOf
      ? await tx.device.findUniqueOrThrow({ where: { id: cloneOf.deviceId }, select: { id: true, hostname: true } })
      : null;
    const device = await tx.device.create({
      data: {
        ...inventory,
        agentTokenHash,
        hardwareId,
        customerId: customer.id,
        machineId: request.machineId,
        cloneOfId: original?.id ?? null,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: { type: "system" },
      action: "device.enrolled",
      subject: `device:${device.id}`,
      data: { customerId: customer.id, hostname: request.hostname },
    });
    await enqueueWebhookEvent(tx, await deviceEvent(tx, "device.enrolled", device.id));
    if (original && cloneOf) {
      // On both devices' activity, each naming the other.
      await recordAuditEvent(tx, {
        actor: { type: "system" },
        action: "device.possible_clone",
        subject: `device:${device.id}`,
        data: {
          customerId: customer.id,
          hostname: request.hostname,
          otherDeviceId: original.id,
          clone: `possible clone of ${original.hostname}: ${cloneReasonText(cloneOf.reason, "that device's")}`,
          reason: cloneOf.reason,
        },
      });
      await recordAuditEvent(tx, {
        actor: { type: "system" },
        action: "device.possible_clone",
        subject: `device:${original.id}`,
        data: {
          customerId: customer.id,
          hostname: original.hostname,
          otherDeviceId: device.id,
          clone: `possible clone of ${request.hostname}: ${cloneReasonText(cloneOf.reason, "this device's")}`,
          reason: cloneOf.reason,
        },
      });
    }
    return { created: true, deviceId: device.id, agentToken };
  });
}

const CANDIDATE_SELECT = {
  id: true,
  hostname: true,
  hardwareId: true,
  firstSeenAt: true,
  cloneOfId: true,
  profiles: { select: { id: true }, take: 1 },
} as const satisfies Prisma.DeviceSelect;

/**
 * The devices with this machineId that judgeEnroll may pick, oldest first: those it could be by
 * hardware or as a repeated enroll (same hostname), and the one a new device would be a possible
 * clone of. Not every device with the machineId: a flood of unproven enrolls makes one device
 * each, and must not make every later enroll read them all.
 */
async function findCandidates(
  tx: Prisma.TransactionClient,
  options: { customerId: string; machineId: string; hostname: string; hardwareId: string | null; now: Date },
): Promise<EnrollCandidate[]> {
  const sameMachineId = { customerId: options.customerId, machineId: options.machineId };
  const repeatedSince = new Date(options.now.getTime() - REPEAT_WINDOW_MS);
  const provable = await tx.device.findMany({
    where: {
      ...sameMachineId,
      hostname: options.hostname,
      OR: [{ firstSeenAt: { gt: repeatedSince } }, ...(options.hardwareId ? [{ hardwareId: options.hardwareId }] : [])],
    },
    select: CANDIDATE_SELECT,
  });
  const original = await tx.device.findFirst({
    where: sameMachineId,
    orderBy: [{ cloneOfId: { sort: "asc", nulls: "first" } }, { firstSeenAt: "asc" }, { id: "asc" }],
    select: CANDIDATE_SELECT,
  });
  const devices = [
    ...provable,
    ...(original && !provable.some((device) => device.id === original.id) ? [original] : []),
  ];
  devices.sort((a, b) => a.firstSeenAt.getTime() - b.firstSeenAt.getTime() || a.id.localeCompare(b.id));
  return devices.map(({ profiles, ...device }) => ({ ...device, hasProfiles: profiles.length > 0 }));
}

/** The device of this customer that holds, or held, the token with this hash. */
async function findPresentedToken(
  tx: Prisma.TransactionClient,
  customerId: string,
  tokenHash: string,
): Promise<PresentedToken | null> {
  const current = await tx.device.findFirst({
    where: { customerId, agentTokenHash: tokenHash },
    select: { id: true, machineId: true, hardwareId: true },
  });
  if (current)
    return {
      deviceId: current.id,
      machineId: current.machineId,
      hardwareId: current.hardwareId,
      retiresAt: null,
      exchanged: false,
    };
  const past = await tx.deviceToken.findFirst({
    where: { tokenHash, device: { customerId } },
    select: { retiresAt: true, exchanged: true, device: { select: { id: true, machineId: true, hardwareId: true } } },
  });
  if (!past) return null;
  return {
    deviceId: past.device.id,
    machineId: past.device.machineId,
    hardwareId: past.device.hardwareId,
    retiresAt: past.retiresAt,
    exchanged: past.exchanged,
  };
}

/**
 * The device's current token becomes a past one, working for TOKEN_GRACE_MS more. It is marked
 * exchanged when it is the token this re-enroll presented (so a copy presented later is a clone's),
 * as is an older token presented while still in its grace.
 */
async function supersedeToken(
  tx: Prisma.TransactionClient,
  decision: Extract<EnrollDecision, { kind: "same" }>,
  presented: PresentedToken | null,
  presentedHash: string | null,
  now: Date,
): Promise<void> {
  const device = await tx.device.findUniqueOrThrow({
    where: { id: decision.deviceId },
    select: { agentTokenHash: true },
  });
  const exchanged = decision.proof === "token" && presentedHash === device.agentTokenHash;
  await tx.deviceToken.create({
    data: {
      tokenHash: device.agentTokenHash,
      deviceId: decision.deviceId,
      retiresAt: new Date(now.getTime() + TOKEN_GRACE_MS),
      exchanged,
    },
  });
  if (decision.proof === "token" && presented?.retiresAt && presentedHash) {
    await tx.deviceToken.update({ where: { tokenHash: presentedHash }, data: { exchanged: true } });
  }
}
