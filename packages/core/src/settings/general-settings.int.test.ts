import { getPrisma } from "@helpline/db";
import { createTechnicianRow } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { getContactLanguage } from "../languages/get-contact-language.ts";
import { ZGeneralSettingsInput } from "./general-settings-input.ts";
import { getGeneralSettings } from "./get-general-settings.ts";
import { setGeneralSettings } from "./set-general-settings.ts";

class Rollback extends Error {}

describe("Settings ▸ General (time zone and end users' language)", () => {
  // Other test files share this database and expect the MSP's English: the change lives only in a
  // transaction that is rolled back.
  it("saves the zone and the language, audited, and the language order ends at it", async () => {
    const actor = { id: (await createTechnicianRow({ role: "admin" })).id, role: "admin" as const };
    const input = ZGeneralSettingsInput.parse({ timeZone: " Europe/Paris ", language: "fr" });
    await expect(
      getPrisma().$transaction(async (db) => {
        await setGeneralSettings({ actor, input, db });
        expect(await getGeneralSettings({ db })).toEqual({ timeZone: "Europe/Paris", language: "fr" });
        expect(await getContactLanguage({ db })).toBe("fr");
        const audit = await db.auditEvent.findFirstOrThrow({
          where: { action: "settings.general", actorId: actor.id },
          select: { data: true },
        });
        expect(audit.data).toEqual({ timeZone: "Europe/Paris", language: "fr" });
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect((await getGeneralSettings()).language).toBe("en");
    expect(await getPrisma().auditEvent.count({ where: { action: "settings.general", actorId: actor.id } })).toBe(0);
  });

  it("refuses a technician (403), and a form without a language or with one Helpline has no catalog for", async () => {
    const technician = { id: (await createTechnicianRow()).id, role: "technician" as const };
    await expect(
      setGeneralSettings({ actor: technician, input: { timeZone: "Europe/Paris", language: "fr" } }),
    ).rejects.toMatchObject({ status: 403, code: "forbidden" });
    expect(await getGeneralSettings()).toMatchObject({ language: "en" });

    for (const language of [undefined, "de", ""]) {
      const parsed = ZGeneralSettingsInput.safeParse({ timeZone: "Europe/Paris", language });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([["language"]]);
    }
  });
});
