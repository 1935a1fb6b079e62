import { applyHelpdeskAction } from "@helpline/core";
import { getPrisma } from "@helpline/db";
import { createTechnicianRow, withDatabaseEnv } from "@helpline/db/testing";
import { seedFleet } from "./fleet-fixture.ts";
import type { BenchResult } from "./harness.ts";

/** Bulk Apply on 1,000 and on 10,000 devices (Windows workstations with a user signed in). */
export async function applyCost(): Promise<BenchResult> {
  const database = await seedFleet({ count: 11_000, customers: 1, label: "b3", withProfiles: true });
  const timings = await withDatabaseEnv(database.env, async () => {
    const ids = (await getPrisma().device.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map(
      (device) => device.id,
    );
    const actor = { id: (await createTechnicianRow()).id, role: "technician" as const };
    const apply = async (deviceIds: string[]) => {
      const started = performance.now();
      const { counts } = await applyHelpdeskAction({
        actor,
        input: { action: "activate", selection: { kind: "devices", deviceIds } },
        mode: "bulk",
      });
      if (counts.activated !== deviceIds.length)
        throw new Error(`expected ${deviceIds.length} activations, got ${counts.activated}`);
      return performance.now() - started;
    };
    const oneThousand = await apply(ids.slice(0, 1_000));
    const tenThousand = await apply(ids.slice(1_000));
    return { oneThousand, tenThousand };
  });
  await database.drop();
  return {
    name: "Bulk Apply cost",
    value: timings.tenThousand / timings.oneThousand,
    unit: "cost(10k) / cost(1k)",
    goal: "≤ 12, and 10,000 in ≤ 2 s",
    details: { apply1kMs: timings.oneThousand, apply10kMs: timings.tenThousand },
  };
}
