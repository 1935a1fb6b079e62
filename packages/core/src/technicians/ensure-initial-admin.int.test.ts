import { getPrisma } from "@helpline/db";
import { applyMigrations } from "@helpline/db/migrate";
import { createScratchDatabase, withDatabaseEnv } from "@helpline/db/testing";
import { expect, it } from "vitest";
import { signInTechnician } from "../auth/sign-in-technician.ts";
import { ensureInitialAdmin } from "./ensure-initial-admin.ts";

// The first start happens on an empty database, so this test gets one of its own.
// Two fresh databases, each migrated from scratch: slow on a busy machine.
it(
  "creates the first admin once: from the environment, or with a generated password",
  { timeout: 120_000 },
  async () => {
    for (const given of [{ email: "Owner@Example.test", password: "given password 123" }, {}]) {
      const scratch = await createScratchDatabase({ serverUrl: process.env.DATABASE_URL || undefined, label: "admin" });
      await applyMigrations({ config: scratch.config });
      await withDatabaseEnv(scratch.env, async () => {
        const [first, second] = await Promise.all([ensureInitialAdmin(given), ensureInitialAdmin(given)]);
        const created = [first, second].filter((result) => result.created);
        expect(created).toHaveLength(1);
        const admin = created[0]!;
        if (!admin.created) return;
        expect(admin.email).toBe(given.email ? "owner@example.test" : "admin@helpline.local");
        const password = given.password ?? admin.generatedPassword;
        expect(password).toBeTruthy();
        expect((await signInTechnician({ email: admin.email, password: password!, ip: "127.0.0.1" })).ok).toBe(true);
        expect(await getPrisma().technician.findMany({ select: { role: true } })).toEqual([{ role: "admin" }]);
        expect(await ensureInitialAdmin(given)).toEqual({ created: false });
      });
      await scratch.drop();
    }
  },
);
