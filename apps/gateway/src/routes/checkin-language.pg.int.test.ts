import { setContactLanguage } from "@helpline/core";
import { getPrisma } from "@helpline/db";
import { checkinBody, createCustomerRow, createHelpdeskDeviceRow } from "@helpline/db/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGateway } from "../build-gateway.ts";

// Check-ins repeat the Windows display language every minute, often several at once (a retry
// racing the long-poll): PGlite runs one transaction at a time and hides the races; PostgreSQL
// does not. Real HTTP into the real gateway.
let gateway: FastifyInstance;
let base: string;
beforeAll(async () => {
  gateway = await buildGateway();
  base = `${await gateway.listen({ port: 0, host: "127.0.0.1" })}/api/agent/v1`;
});
afterAll(() => gateway.close());

const PARALLEL = 12;

async function confirmedDevice() {
  const customer = await createCustomerRow();
  const row = await createHelpdeskDeviceRow({ customerId: customer.id });
  const checkin = async (extra: Record<string, unknown>) => {
    const response = await fetch(`${base}/checkin`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${row.agentToken}` },
      body: JSON.stringify(checkinBody(row.profile.name, extra)),
    });
    return { status: response.status, body: (await response.json()) as { helpdesk?: { language?: string } } };
  };
  const stored = async () => ({
    windowsLocale: (await getPrisma().deviceProfile.findUniqueOrThrow({ where: { id: row.profile.id } })).windowsLocale,
    contact: await getPrisma().contact.findUniqueOrThrow({
      where: { id: row.contact!.id },
      select: { language: true, languageSource: true },
    }),
  });
  return { ...row, checkin, stored };
}

describe("the Windows display language under parallel check-ins on PostgreSQL", () => {
  it("parallel check-ins reporting languages of several profiles all succeed and store each once", async () => {
    const { profile, checkin, stored } = await confirmedDevice();
    const others = ["CONTOSO\\bob", "CONTOSO\\carol", "CONTOSO\\dave"];
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, index) =>
        checkin({
          // Profiles in varying orders: the rows are locked in name order whatever the request's.
          profiles: [
            ...(index % 2 === 0 ? others : [...others].reverse()).map((name) => ({ name, locale: "fr-FR" })),
            { name: profile.name, console: true, locale: "fr-FR" },
          ],
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(PARALLEL).fill(200));
    expect(await stored()).toEqual({ windowsLocale: "fr-FR", contact: { language: "fr", languageSource: "windows" } });
    const locales = await getPrisma().deviceProfile.findMany({
      where: { deviceId: profile.deviceId },
      select: { windowsLocale: true },
    });
    expect(locales.map((row) => row.windowsLocale)).toEqual(Array(4).fill("fr-FR"));
  });

  it("never lets parallel reports of Windows' language overwrite the person's choice made meanwhile", async () => {
    for (let round = 0; round < 3; round++) {
      const { contact, checkin, stored } = await confirmedDevice();
      const reports = Array.from({ length: PARALLEL }, (_, index) =>
        checkin({ locale: index % 2 === 0 ? "en-US" : "en-GB" }),
      );
      await setContactLanguage({ contactId: contact!.id, language: "fr" });
      const answers = await Promise.all(reports);
      expect(answers.map((answer) => answer.status)).toEqual(Array(PARALLEL).fill(200));
      expect((await stored()).contact).toEqual({ language: "fr", languageSource: "chosen" });
      expect((await checkin({ locale: "en-US" })).body.helpdesk?.language).toBe("fr");
    }
  });
});
