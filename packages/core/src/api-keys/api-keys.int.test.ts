import { getPrisma, listenToChannel } from "@helpline/db";
import { createTechnicianRow } from "@helpline/db/testing";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { listAuditEvents } from "../audit/list-audit-events.ts";
import { getGeneralSettings } from "../settings/get-general-settings.ts";
import { ZCreateApiKeyInput } from "./api-key-input.ts";
import { API_KEY_REVOKED_CHANNEL, API_KEY_TOKEN_PATTERN, hashApiKeyToken } from "./api-key-token.ts";
import { createApiKey } from "./create-api-key.ts";
import { listApiKeys } from "./list-api-keys.ts";
import { revokeApiKey } from "./revoke-api-key.ts";

const prisma = () => getPrisma();

async function adminActor() {
  const admin = await createTechnicianRow({ role: "admin" });
  return { id: admin.id, role: "admin" as const };
}

function fieldErrors(raw: unknown): Record<string, string> {
  const result = ZCreateApiKeyInput.safeParse(raw);
  expect(result.success).toBe(false);
  const fields: Record<string, string> = {};
  for (const issue of result.error!.issues) fields[issue.path.join(".")] ??= issue.message;
  return fields;
}

describe("API keys", () => {
  it("an admin creates a key acting as a technician: the token is shown once, only its hash and prefix are kept, the audit log names it", async () => {
    const actor = await adminActor();
    const technician = await createTechnicianRow();
    const input = ZCreateApiKeyInput.parse({
      name: "  PSA sync ",
      technicianId: technician.id,
      scopes: ["tickets:read", "customers:read"],
    });
    const { apiKey, token } = await createApiKey({ actor, input });

    expect(token).toMatch(API_KEY_TOKEN_PATTERN);
    expect(apiKey).toMatchObject({
      name: "PSA sync",
      prefix: token.slice(0, 11),
      technician: { id: technician.id, name: technician.name },
      scopes: ["tickets:read", "customers:read"],
      expiresAt: null,
      lastUsedAt: null,
      lastUsedIp: null,
      revokedAt: null,
    });
    expect(apiKey).not.toHaveProperty("tokenHash");
    const stored = await prisma().apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(stored.tokenHash).toBe(hashApiKeyToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.createdById).toBe(actor.id);

    const audit = await prisma().auditEvent.findMany({ where: { subject: `api_key:${apiKey.id}` } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "api_key.created", actorType: "technician", actorId: actor.id });
    expect(audit[0]!.data).toMatchObject({ name: "PSA sync", technicianId: technician.id });
    expect(JSON.stringify(audit[0]!.data)).not.toContain(token);
  });

  it("lists keys newest first with their technician, without any hash", async () => {
    const actor = await adminActor();
    const older = await createApiKey({
      actor,
      input: { name: "Older", technicianId: actor.id, scopes: ["devices:read"] },
    });
    // A millisecond apart at most: an older createdAt makes the order the test's, not a tie's.
    await prisma().apiKey.update({
      where: { id: older.apiKey.id },
      data: { createdAt: new Date(older.apiKey.createdAt.getTime() - 1000) },
    });
    const newer = await createApiKey({
      actor,
      input: { name: "Newer", technicianId: actor.id, scopes: ["tickets:write"] },
    });
    const rows = await listApiKeys({ actor });
    const ids = rows.map((row) => row.id);
    expect(ids.indexOf(newer.apiKey.id)).toBeLessThan(ids.indexOf(older.apiKey.id));
    expect(ids.indexOf(older.apiKey.id)).toBeGreaterThanOrEqual(0);
    expect(rows.find((row) => row.id === newer.apiKey.id)).toEqual(newer.apiKey);
    expect(rows.find((row) => row.id === older.apiKey.id)?.scopes).toEqual(["devices:read"]);
    expect(JSON.stringify(rows)).not.toContain("tokenHash");
  });

  it("expires at the end of the chosen day in the MSP's time zone; a day already over there is refused", async () => {
    const actor = await adminActor();
    const { timeZone } = await getGeneralSettings();
    const now = new Date("2026-12-02T11:00:00Z");
    const today = DateTime.fromJSDate(now, { zone: timeZone });
    const { apiKey } = await createApiKey({
      actor,
      now,
      input: { name: "Until tonight", technicianId: actor.id, scopes: ["tickets:read"], expiresOn: today.toISODate()! },
    });
    const expires = DateTime.fromJSDate(apiKey.expiresAt!, { zone: timeZone });
    expect(expires.toISODate()).toBe(today.plus({ days: 1 }).toISODate());
    expect([expires.hour, expires.minute, expires.second, expires.millisecond]).toEqual([0, 0, 0, 0]);

    await expect(
      createApiKey({
        actor,
        now,
        input: {
          name: "Too late",
          technicianId: actor.id,
          scopes: ["tickets:read"],
          expiresOn: today.minus({ days: 1 }).toISODate()!,
        },
      }),
    ).rejects.toMatchObject({ status: 400, fields: { expiresOn: "Choose today or a later day." } });
    expect(await prisma().apiKey.count({ where: { technicianId: actor.id } })).toBe(1);
  });

  it("acts only as an enabled technician", async () => {
    const actor = await adminActor();
    const disabled = await createTechnicianRow({ disabled: true });
    for (const technicianId of [disabled.id, crypto.randomUUID()]) {
      await expect(
        createApiKey({ actor, input: { name: "Ghost", technicianId, scopes: ["tickets:read"] } }),
      ).rejects.toMatchObject({
        code: "technician_not_found",
        status: 422,
        fields: { technicianId: "Choose an enabled technician." },
      });
    }
    expect(await prisma().apiKey.count({ where: { technicianId: disabled.id } })).toBe(0);
  });

  it("revokes a key once: it is marked revoked, announced to every process and audited, a second revoke is 409 already_revoked, an unknown id 404", async () => {
    const actor = await adminActor();
    const { apiKey } = await createApiKey({
      actor,
      input: { name: "Chat bot", technicianId: actor.id, scopes: ["tickets:read"] },
    });
    const announced: string[] = [];
    const stopListening = await listenToChannel(API_KEY_REVOKED_CHANNEL, {
      onPayload: (payload) => announced.push(payload),
    });
    try {
      await revokeApiKey({ actor, input: { id: apiKey.id } });
      await expect.poll(() => announced).toContain(apiKey.id);
    } finally {
      await stopListening();
    }
    const row = (await listApiKeys({ actor })).find((listed) => listed.id === apiKey.id);
    expect(row?.revokedAt).toBeInstanceOf(Date);

    await expect(revokeApiKey({ actor, input: { id: apiKey.id } })).rejects.toMatchObject({
      code: "already_revoked",
      status: 409,
    });
    await expect(revokeApiKey({ actor, input: { id: crypto.randomUUID() } })).rejects.toMatchObject({
      code: "not_found",
      status: 404,
    });
    const audit = await prisma().auditEvent.findMany({
      where: { subject: `api_key:${apiKey.id}`, action: "api_key.revoked" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: actor.id, data: { name: "Chat bot" } });
  });

  it("a revoke made through another API key is audited with that key's name, which the audit log shows", async () => {
    const admin = await adminActor();
    const { apiKey: automation } = await createApiKey({
      actor: admin,
      input: { name: "Offboarding script", technicianId: admin.id, scopes: ["webhooks:manage"] },
    });
    const { apiKey } = await createApiKey({
      actor: admin,
      input: { name: "Leaked key", technicianId: admin.id, scopes: ["tickets:read"] },
    });
    const actor = { ...admin, apiKey: { id: automation.id, name: automation.name } };
    await revokeApiKey({ actor, input: { id: apiKey.id } });
    const log = await listAuditEvents({ input: { subject: `api_key:${apiKey.id}`, action: "", page: 1 } });
    expect(log.events.map((event) => [event.action, event.apiKeyName]).sort()).toEqual([
      ["api_key.created", null],
      ["api_key.revoked", "Offboarding script"],
    ]);
  });

  it("is for admins only", async () => {
    const admin = await adminActor();
    const { apiKey } = await createApiKey({
      actor: admin,
      input: { name: "Admin's key", technicianId: admin.id, scopes: ["tickets:read"] },
    });
    const technician = await createTechnicianRow();
    const actor = { id: technician.id, role: "technician" as const };
    const forbidden = { code: "forbidden", status: 403 };
    await expect(
      createApiKey({ actor, input: { name: "Mine", technicianId: technician.id, scopes: ["tickets:read"] } }),
    ).rejects.toMatchObject(forbidden);
    await expect(listApiKeys({ actor })).rejects.toMatchObject(forbidden);
    await expect(revokeApiKey({ actor, input: { id: apiKey.id } })).rejects.toMatchObject(forbidden);
    expect(await prisma().apiKey.count({ where: { technicianId: technician.id } })).toBe(0);
    expect((await prisma().apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).revokedAt).toBeNull();
  });

  it("names each refused field", () => {
    expect(fieldErrors({ name: " ", technicianId: "nobody", scopes: [], expiresOn: "2026-02-30" })).toEqual({
      name: "Enter a name.",
      technicianId: "Choose the technician the key acts as.",
      scopes: "Choose at least one scope.",
      expiresOn: "Enter a date as YYYY-MM-DD.",
    });
    const technicianId = crypto.randomUUID();
    expect(fieldErrors({ name: "x".repeat(81), technicianId, scopes: ["tickets:read", "tickets:read"] })).toEqual({
      name: "Use at most 80 characters.",
      scopes: "Choose each scope once.",
    });
    expect(Object.keys(fieldErrors({ name: "Bot", technicianId, scopes: ["tickets:delete"] }))).toEqual(["scopes.0"]);
    expect(Object.keys(fieldErrors({ name: "Bot", technicianId }))).toEqual(["scopes"]);
  });
});
