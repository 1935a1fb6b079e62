import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setDeviceHelpdesk } from "@helpline/core";
import { getPrisma } from "@helpline/db";
import { createCustomerRow, createTechnicianRow } from "@helpline/db/testing";
import { buildGateway } from "@helpline/gateway";
import { expect, it } from "vitest";
import { AgentClient } from "../agent-client.ts";
import { runCheckinLoop } from "../checkin-loop.ts";
import type { Inventory } from "../system/inventory.ts";
import { TicketOutbox } from "../tickets/ticket-outbox.ts";
import { TicketQueue } from "../tickets/ticket-queue.ts";
import { EndUserSurfaces } from "./end-user-surfaces.ts";

// Amélie's Windows speaks French: the agent reports it, the server decides French, the page follows.
const workstation = (): Inventory => ({
  hostname: "PC-AMELIE",
  os: { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" },
  ip: "10.0.0.21",
  currentProfile: { name: "DUPONT\\amelie", displayName: "Amélie Poulain" },
  locale: "fr-FR",
});

async function until<T>(read: () => T | null | Promise<T | null>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it(
  "speaks the reported Windows language on the page, and keeps an unconfirmed person's choice on this computer, then gives it to the contact once confirmed",
  { timeout: 60_000 },
  async () => {
    const gateway = await buildGateway();
    const server = await gateway.listen({ port: 0, host: "127.0.0.1" });
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-language-"));
    const stop = new AbortController();
    let loop: Promise<void> = Promise.resolve();
    let surfaces: EndUserSurfaces | null = null;
    try {
      const customer = await createCustomerRow();
      const { deviceId, agentToken } = await new AgentClient(server).enroll({
        installKey: customer.installKey,
        machineId: `language-${Date.now()}`,
        hostname: "PC-AMELIE",
        os: workstation().os,
        agentVersion: "1.0.0",
      });
      const client = new AgentClient(server, agentToken);
      surfaces = new EndUserSurfaces({
        log: () => {},
        client,
        outbox: new TicketOutbox(new TicketQueue(stateDir), client),
      });
      const following = surfaces;
      loop = runCheckinLoop({
        client,
        readInventory: workstation,
        knownStateVersion: null,
        signal: stop.signal,
        onError: () => {},
        onCheckin: (response, inventory) => void following.follow(response, inventory),
      });
      const actor = { id: (await createTechnicianRow()).id, role: "technician" as const };
      await until(async () =>
        (await getPrisma().deviceProfile.findFirst({ where: { deviceId, windowsLocale: "fr-FR" } })) ? true : null,
      );
      await setDeviceHelpdesk({ actor, input: { deviceId, action: "activate" } });
      const url = await until(() => following.localPageUrl);
      const first = await fetch(url);
      const home = await first.text();
      expect(home).toContain('<html lang="fr">');
      expect(home).toContain("L&#39;assistance est activée pour Amélie Poulain.");
      expect(following.languageFor("dupont\\AMELIE")).toBe("fr");

      // Not confirmed yet: English is kept for this computer's page, the server is not asked.
      const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
      const origin = new URL(url).origin;
      const chosen = await fetch(`${origin}/language`, {
        method: "POST",
        body: new URLSearchParams({ language: "en" }),
        headers: { cookie, origin },
      });
      const settings = await chosen.text();
      expect(settings).toContain('<html lang="en">');
      expect(settings).toContain("Language saved on this computer.");
      expect(following.languageFor("DUPONT\\amelie")).toBe("en");
      // A later check-in (still French on the server) does not undo the choice.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await (await fetch(`${origin}/`, { headers: { cookie } })).text()).toContain('<html lang="en">');

      // Confirming keeps the promise: the choice goes to the contact and stays in force.
      const email = `amelie.${Date.now()}@example.test`;
      const form = (fields: Record<string, string>) => ({
        method: "POST",
        body: new URLSearchParams(fields),
        headers: { cookie, origin },
      });
      await fetch(`${origin}/send-token`, form({ fullName: "Amélie Poulain", email }));
      const mail = await getPrisma().outboxMessage.findFirstOrThrow({ where: { to: email } });
      const token = /^([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})$/m.exec(mail.text ?? "")![1]!;
      const confirmed = await (await fetch(`${origin}/confirm`, form({ token }))).text();
      expect(confirmed).toContain('<html lang="en">');
      expect(confirmed).toContain("Thank you, Amélie Poulain");
      expect(await getPrisma().contact.findFirstOrThrow({ where: { email } })).toMatchObject({
        language: "en",
        languageSource: "chosen",
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await (await fetch(`${origin}/`, { headers: { cookie } })).text()).toContain('<html lang="en">');
    } finally {
      stop.abort();
      await loop;
      await surfaces?.stop();
      await gateway.close();
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  },
);
