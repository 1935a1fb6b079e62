import { getPrisma } from "@helpline/db";
import { createTechnicianRow } from "@helpline/db/testing";
import { expect, it } from "vitest";
import { createApiKey } from "./create-api-key.ts";
import { revokeApiKey } from "./revoke-api-key.ts";

it("revokes sent at once by several admins: exactly one succeeds and writes one audit line, the others are told already_revoked", async () => {
  const admins = await Promise.all(
    Array.from({ length: 6 }, async () => ({
      id: (await createTechnicianRow({ role: "admin" })).id,
      role: "admin" as const,
    })),
  );
  for (let round = 0; round < 3; round++) {
    const { apiKey } = await createApiKey({
      actor: admins[0]!,
      input: { name: `Race ${round}`, technicianId: admins[0]!.id, scopes: ["tickets:read"] },
    });
    const results = await Promise.allSettled(admins.map((actor) => revokeApiKey({ actor, input: { id: apiKey.id } })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refusals = results
      .filter((result): result is PromiseRejectedResult => result.status === "rejected")
      .map((result) => result.reason.code);
    expect(refusals).toEqual(Array(admins.length - 1).fill("already_revoked"));
    expect(
      await getPrisma().auditEvent.count({ where: { subject: `api_key:${apiKey.id}`, action: "api_key.revoked" } }),
    ).toBe(1);
  }
});
