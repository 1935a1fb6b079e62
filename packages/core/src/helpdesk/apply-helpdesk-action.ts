import { technicianAuditActor } from "../audit/record-audit-event.ts";
import { getPrisma } from "@helpline/db";
import type { TechnicianActor } from "../actor.ts";
import { recordDeviceAuditEvents } from "../audit/record-device-audit-events.ts";
import { bumpHelpdeskState } from "./bump-helpdesk-state.ts";
import { deviceWhere } from "../devices/device-where.ts";
import type { TApplyHelpdeskInput } from "./helpdesk-input.ts";
import { decideHelpdeskOutcome, type HelpdeskOutcome, type SkipReason } from "./helpdesk-rules.ts";
import { enqueueWebhookEvents } from "../webhooks/enqueue-webhook-events.ts";
import { helpdeskEvents } from "../webhooks/webhook-payloads.ts";

export type HelpdeskResult = {
  deviceId: string;
  hostname: string;
  profile: string | null;
  outcome: HelpdeskOutcome;
  reason?: SkipReason;
};

const CHUNK = 5_000;

function chunks<T>(items: T[]): T[][] {
  return Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, index) =>
    items.slice(index * CHUNK, (index + 1) * CHUNK),
  );
}

/**
 * Activates or deactivates the Helpdesk Agent for the signed-in profile of every selected device,
 * and says what happened to each. Idempotent (a second Apply changes nothing), set-based (a few
 * statements whatever the count), all in one transaction with its audit lines; agents hear of it
 * through their long-polls as soon as it commits.
 */
export async function applyHelpdeskAction(options: {
  actor: TechnicianActor;
  input: TApplyHelpdeskInput;
  mode: "single" | "bulk";
}) {
  const { actor, input, mode } = options;
  const prisma = getPrisma();
  const where =
    input.selection.kind === "devices"
      ? { id: { in: input.selection.deviceIds } }
      : deviceWhere(input.selection.filter);
  const devices = await prisma.device.findMany({
    where,
    select: {
      id: true,
      hostname: true,
      osPlatform: true,
      osKind: true,
      currentProfile: { select: { id: true, name: true, helpdeskActive: true } },
    },
    orderBy: [{ hostname: "asc" }, { id: "asc" }],
  });
  const results: HelpdeskResult[] = devices.map((device) => ({
    deviceId: device.id,
    hostname: device.hostname,
    profile: device.currentProfile?.name ?? null,
    ...decideHelpdeskOutcome(device, input.action),
  }));
  const changing = devices.filter(
    (_, index) => results[index]!.outcome === "activated" || results[index]!.outcome === "deactivated",
  );
  if (changing.length > 0) {
    const activate = input.action === "activate";
    const at = new Date();
    const changed = new Set<string>();
    await prisma.$transaction(
      async (tx) => {
        for (const part of chunks(changing)) {
          // Only profiles still in the other state change (the guard is the check): an Apply
          // racing this one changes each profile once, and only the one that did audits it.
          const rows = await tx.deviceProfile.updateManyAndReturn({
            where: { id: { in: part.map((device) => device.currentProfile!.id) }, helpdeskActive: !activate },
            data: { helpdeskActive: activate, helpdeskChangedAt: at },
            select: { id: true, deviceId: true },
          });
          for (const row of rows) changed.add(row.deviceId);
          const profileIds = rows.map((row) => row.id);
          await enqueueWebhookEvents(tx, await helpdeskEvents(tx, { id: { in: profileIds } }, activate));
          await bumpHelpdeskState(
            tx,
            rows.map((row) => row.deviceId),
          );
        }
        await recordDeviceAuditEvents(tx, {
          actor: technicianAuditActor(actor),
          action: activate ? "helpdesk.activated" : "helpdesk.deactivated",
          at,
          extra: { mode },
          devices: changing
            .filter((device) => changed.has(device.id))
            .map((device) => ({ id: device.id, hostname: device.hostname, profile: device.currentProfile!.name })),
        });
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
    for (const result of results) {
      if (result.outcome === "activated" && !changed.has(result.deviceId)) result.outcome = "already_active";
      if (result.outcome === "deactivated" && !changed.has(result.deviceId)) result.outcome = "already_inactive";
    }
  }
  const counts: Record<HelpdeskOutcome, number> = {
    activated: 0,
    already_active: 0,
    deactivated: 0,
    already_inactive: 0,
    skipped: 0,
  };
  for (const result of results) counts[result.outcome]++;
  return { results, counts };
}
