import fs from "node:fs";
import path from "node:path";
import { replyToTicket, setDeviceHelpdesk } from "@helpline/core";
import { getPrisma } from "@helpline/db";
import { createCustomerRow, createTechnicianRow, createTicketRow } from "@helpline/db/testing";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { buildWindowsService, buildWindowsTray } from "../build-windows.ts";
import { DESKTOP_HEIGHT, DESKTOP_WIDTH, startWineDesktop, type WineDesktop } from "./wine-desktop.ts";
import { createWinePrefix, INSTALL_DIR, linuxPath, removeWinePrefix, runUnderWine } from "./wine.ts";

// The tray on a Wine desktop (stack notes, "A desktop to test it in"), with helpline-service.exe
// (--console: the same host without the Service Control Manager) running helpline-agent.exe
// against the real gateway. What the tray does is read from its own log (tray.log): "icon shown",
// "menu opened", "notification shown"; the addresses it opens, from the browser Wine runs.
// A prefix of its own: the service and the trays must not meet another file's agent.
const { exe: agentExe, server } = inject("windowsAgent");
const ARTIFACTS = path.resolve(import.meta.dirname, "../../../test-results/windows-wine");

let prefix: string;
let desktop: WineDesktop;
const drive = (...parts: string[]) => path.join(prefix, "drive_c", ...parts);
const programs = () => linuxPath(prefix, INSTALL_DIR);

function trayLog(): string {
  const users = drive("users");
  for (const user of fs.existsSync(users) ? fs.readdirSync(users) : []) {
    const file = path.join(users, user, "AppData", "Local", "Helpline", "tray.log");
    if (fs.existsSync(file)) return fs.readFileSync(file, "utf8");
  }
  return "";
}

const logs = () =>
  [
    `--- tray.log\n${trayLog()}`,
    ...["service.log", "agent.log"].map((name) => {
      const file = drive("ProgramData", "Helpline", "logs", name);
      return `--- ${name}\n${fs.existsSync(file) ? fs.readFileSync(file, "utf8").slice(-4000) : "(none)"}`;
    }),
  ].join("\n");

/** Waits until `read()` gives a value (not null), up to `ms`; on time-out throws with the logs. */
async function until<T>(read: () => T | null | Promise<T | null>, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// Wine's ShellExecuteW hands http addresses to winebrowser, which runs the first program of
// HKCU\Software\Wine\WineBrowser "Browsers": here a script that writes the address down.
const browserLog = () => path.join(prefix, "browser-opened.txt");

/** The URLs the browser was given (by the tray's ShellExecuteW, through winebrowser), in order. */
const openedUrls = () =>
  fs.existsSync(browserLog()) ? fs.readFileSync(browserLog(), "utf8").split("\n").filter(Boolean) : [];
const count = (pattern: RegExp) => trayLog().match(new RegExp(pattern, "g"))?.length ?? 0;

beforeAll(async () => {
  prefix = createWinePrefix();
  const browser = path.join(prefix, "browser.sh");
  fs.writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${browserLog()}'\n`, { mode: 0o755 });
  const key = "HKCU\\Software\\Wine\\WineBrowser";
  const set = await runUnderWine(prefix, "reg", ["add", key, "/v", "Browsers", "/d", browser, "/f"]);
  expect(set.code, set.output).toBe(0);
  fs.mkdirSync(programs(), { recursive: true });
  fs.copyFileSync(agentExe, path.join(programs(), "helpline-agent.exe"));
  fs.copyFileSync(buildWindowsService(), path.join(programs(), "helpline-service.exe"));
  fs.copyFileSync(buildWindowsTray(), path.join(programs(), "helpline-tray.exe"));
  desktop = await startWineDesktop(prefix);
}, 300_000);

afterAll(async () => {
  await desktop?.stop();
  if (prefix) removeWinePrefix(prefix);
});

it(
  "shows the icon once the helpdesk is active; its menu and Ctrl+F12 open Add Ticket with the tray's screenshot; a reply notifies; another profile's claim is refused",
  { timeout: 400_000 },
  async () => {
    const customer = await createCustomerRow();
    const enrolled = await runUnderWine(prefix, path.join(programs(), "helpline-agent.exe"), [
      "enroll",
      "--server",
      server,
      "--install-key",
      customer.installKey,
    ]);
    expect(enrolled.code, enrolled.output).toBe(0);
    const device = await getPrisma().device.findFirstOrThrow({ where: { customerId: customer.id } });

    desktop.start(`${INSTALL_DIR}\\helpline-service.exe`, ["--console"], {
      logFile: path.join(prefix, "service-console.log"),
      console: true,
    });
    desktop.start(`${INSTALL_DIR}\\helpline-tray.exe`, [], { logFile: path.join(prefix, "tray-console.log") });
    const claimed = await until(() => /claiming profile (.+)/.exec(trayLog())?.[1]?.trim() ?? null, "the tray's hello");
    await until(() => (trayLog().includes("connected to the Helpline service") ? true : null), "the pipe");

    // The agent reports the tray's profile (Windows vouched for it), with its tray running.
    // (Compared in JS: Prisma's case-insensitive equals is an ILIKE, where "\\" escapes.)
    const profile = await until(
      async () =>
        (await getPrisma().deviceProfile.findMany({ where: { deviceId: device.id, trayRunning: true } })).find(
          (row) => row.name.toLowerCase() === claimed.toLowerCase(),
        ) ?? null,
      `a check-in listing ${claimed} with its tray`,
      120_000,
    );
    expect(trayLog()).not.toContain("icon shown");

    // A confirmed identity (Add Ticket needs one), then the technician activates the helpdesk.
    const contact = await getPrisma().contact.create({
      data: { customerId: customer.id, email: `tray-${Date.now()}@example.test`, fullName: "Wine User" },
    });
    await getPrisma().deviceProfile.update({ where: { id: profile.id }, data: { contactId: contact.id } });
    const technician = await createTechnicianRow();
    const actor = { id: technician.id, role: "technician" as const };
    await setDeviceHelpdesk({ actor, input: { deviceId: device.id, action: "activate" } });
    await until(() => (trayLog().includes("icon shown") ? true : null), "the icon", 60_000);
    desktop.screenshot(path.join(ARTIFACTS, "tray-icon-shown.png"));
    // The Helpline icon linked into the .exe (helpline.rc), not the stock fallback.
    expect(trayLog()).not.toMatch(/LoadImageW\(the Helpline icon\) failed/);

    // Right-click the icon (bottom-right of the notification area), then Create New Ticket.
    // Wine's notification area may not take clicks the moment the icon is added: click again
    // until the tray says its menu opened.
    await until(
      async () => {
        desktop.xdotool(["mousemove", String(DESKTOP_WIDTH - 12), String(DESKTOP_HEIGHT - 10), "click", "3"]);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        return trayLog().includes("menu opened") ? true : null;
      },
      "the menu",
      30_000,
    );
    desktop.screenshot(path.join(ARTIFACTS, "tray-menu.png"));
    // The menu opens above the cursor, its four items 16 px high: the first is ~60 px above the
    // icon. (The keyboard does not reach a menu owned by a hidden window under Wine.)
    desktop.xdotool(["mousemove", String(DESKTOP_WIDTH - 80), String(DESKTOP_HEIGHT - 79), "click", "1"]);
    const fromMenu = await until(() => openedUrls()[0] ?? null, "Add Ticket from the menu");
    expect(trayLog()).toMatch(/screenshot taken: \d+ bytes of PNG/);

    // Ctrl+F12 reaches Wine while one of its windows has the focus.
    const wineDesktop = desktop.xdotool(["search", "--name", "Wine desktop"]).trim().split("\n")[0]!;
    desktop.xdotool(["windowactivate", "--sync", wineDesktop]);
    desktop.xdotool(["key", "ctrl+F12"]);
    const fromHotkey = await until(() => openedUrls()[1] ?? null, "Add Ticket from Ctrl+F12");
    expect(trayLog()).toContain("Ctrl+F12 pressed");

    for (const url of [fromMenu, fromHotkey]) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/add-ticket\?shot=[\w-]+&s=[\w-]+$/);
      const link = new URL(url);
      const html = await (await fetch(url)).text();
      expect(html).toContain(`name="screenshot" value="${link.searchParams.get("shot")}"`);
      // The thumbnail is the tray's capture of the whole Wine desktop.
      const shot = await fetch(
        `${link.origin}/screenshot/${link.searchParams.get("shot")}?s=${link.searchParams.get("s")}`,
      );
      const png = Buffer.from(await shot.arrayBuffer());
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([DESKTOP_WIDTH, DESKTOP_HEIGHT]);
    }
    // Both from the one local page of this profile, whose identity is the contact confirmed above.
    const page = new URL(fromMenu);
    expect(new URL(fromHotkey).origin).toBe(page.origin);
    expect(await (await fetch(`${page.origin}/?s=${page.searchParams.get("s")}`)).text()).toContain(
      "You are confirmed as Wine User",
    );

    // The form sent as the browser would (its cookie, its Origin): the ticket reaches the console
    // with the tray's capture attached.
    const form = await (await fetch(fromMenu)).text();
    const body = new FormData();
    body.set("key", /name="key" value="([^"]+)"/.exec(form)![1]!);
    body.set("screenshot", page.searchParams.get("shot")!);
    body.set("title", "Printer offline on the 2nd floor");
    body.set("description", "Sent from the tray's Create New Ticket under Wine.");
    const sent = await fetch(`${page.origin}/add-ticket`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { cookie: `helpline_local=${page.searchParams.get("s")}`, origin: page.origin },
    });
    expect(sent.status, await sent.clone().text()).toBeLessThan(400);
    const fromTray = await until(
      () =>
        getPrisma().ticket.findFirst({
          where: { customerId: customer.id, title: "Printer offline on the 2nd floor" },
          include: { attachments: true },
        }),
      "the tray's ticket in the console",
      30_000,
    );
    expect(fromTray.attachments).toEqual([
      expect.objectContaining({ contentType: "image/png", size: expect.any(Number) as number }),
    ]);
    expect(Buffer.from(fromTray.attachments[0]!.data).subarray(1, 4).toString()).toBe("PNG");

    // A technician's public reply: the tray shows it; a click on the icon opens it in the portal.
    const ticket = await createTicketRow({ customerId: customer.id, contactId: contact.id, title: "Printer jams" });
    await replyToTicket({
      actor,
      input: { ticketId: ticket.id, body: "On my way." },
      publicUrl: server,
    });
    await until(() => (trayLog().includes("notification shown") ? true : null), "the reply notification", 30_000);
    // Wine's notification area draws the balloon after a short timer.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    desktop.screenshot(path.join(ARTIFACTS, "tray-notification.png"));
    desktop.xdotool(["mousemove", String(DESKTOP_WIDTH - 12), String(DESKTOP_HEIGHT - 10), "click", "1"]);
    const fromClick = await until(() => openedUrls()[2] ?? null, "the reply's link");
    expect(fromClick).toContain(`next=%2Fportal%2Ftickets%2F${ticket.number}`);
    const acknowledged = await until(
      async () => (await getPrisma().agentNotification.count({ where: { deviceId: device.id } })) === 0 || null,
      "the acknowledgement",
    );
    expect(acknowledged).toBe(true);

    // The two-user case: a tray claiming another profile than its Windows user is refused.
    const before = count(/refused by the Helpline service/);
    const other = `${claimed.split("\\")[0]}\\mallory`;
    desktop.start(`${INSTALL_DIR}\\helpline-tray.exe`, [], {
      logFile: path.join(prefix, "tray2-console.log"),
      env: { HELPLINE_TRAY_PROFILE: other },
    });
    await until(() => (count(/refused by the Helpline service/) > before ? true : null), "the refusal", 30_000);
    expect(trayLog()).toContain(`claiming profile ${other}`);
    expect(openedUrls()).toHaveLength(3);
  },
);
