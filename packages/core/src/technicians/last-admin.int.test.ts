import { getPrisma } from "@helpline/db";
import { applyMigrations } from "@helpline/db/migrate";
import { createScratchDatabase, createTechnicianRow, withDatabaseEnv } from "@helpline/db/testing";
import { expect, it } from "vitest";
import { setTechnicianDisabled } from "./set-technician-disabled.ts";

// "Some admin stays enabled" is about every admin there is, so this test gets a database of its
// own. The race (two admins disabling each other at once) exists only on PostgreSQL.
it("two admins disabling each other at once: one wins, one admin stays enabled", { timeout: 120_000 }, async () => {
  const scratch = await createScratchDatabase({ serverUrl: process.env.DATABASE_URL || undefined, label: "admins" });
  await applyMigrations({ config: scratch.config });
  try {
    await withDatabaseEnv(scratch.env, async () => {
      for (let round = 0; round < 3; round++) {
        await getPrisma().technician.updateMany({ data: { disabled: true } });
        const [alice, bob] = [await createTechnicianRow({ role: "admin" }), await createTechnicianRow({ role: "admin" })];
        const results = await Promise.allSettled([
          setTechnicianDisabled({ actor: { id: alice.id, role: "admin" }, input: { technicianId: bob.id, disabled: true } }),
          setTechnicianDisabled({ actor: { id: bob.id, role: "admin" }, input: { technicianId: alice.id, disabled: true } }),
        ]);
        expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
        expect(results.filter((result) => result.status === "rejected").map((result) => (result as PromiseRejectedResult).reason.code)).toEqual(["forbidden"]);
        expect(await getPrisma().technician.count({ where: { role: "admin", disabled: false } })).toBe(1);
      }
    });
  } finally {
    await scratch.drop();
  }
});
