import { expect, it } from "vitest";
import { ensureAuthSecret } from "./ensure-auth-secret.ts";

// Several processes starting at once on one PostgreSQL must agree on one signing secret.
it("processes starting at once all get the same session signing secret", async () => {
  const secrets = await Promise.all(Array.from({ length: 8 }, () => ensureAuthSecret()));
  expect(new Set(secrets).size).toBe(1);
  expect(secrets[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(await ensureAuthSecret()).toBe(secrets[0]);
});
