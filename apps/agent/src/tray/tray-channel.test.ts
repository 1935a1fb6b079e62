import type { TAgentNotification, TCheckinResponse } from "@helpline/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { EndUserSurfaces } from "../end-user/end-user-surfaces.ts";
import { ReplyNotifications } from "../end-user/reply-notifications.ts";
import type { Inventory } from "../system/inventory.ts";
import { fakeServiceChannel } from "../testing/fake-service-channel.ts";
import { connectTrays, decodeScreenshot } from "./tray-channel.ts";

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
const ALICE = "CONTOSO\\alice";
const BOB = "CONTOSO\\bob";
const confirmed = { active: true, identity: { confirmed: true, fullName: "Someone", email: "a@example.com" } };

// Alice at the console, Bob over Remote Desktop: one workstation, two signed-in profiles.
const inventory: Inventory = {
  hostname: "PC-SHARED",
  os: { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" },
  ip: "10.0.0.12",
  currentProfile: { name: ALICE, displayName: "Alice Martin" },
  profiles: [
    { name: ALICE, displayName: "Alice Martin", console: true, trayRunning: true },
    { name: BOB, displayName: "Bob Stone", console: false, trayRunning: true },
  ],
};

const reply = (id: string, profile: string, ticketNumber: number): TAgentNotification => ({
  id,
  kind: "reply",
  profile,
  ticketNumber,
  title: "Printer\tjams\nagain",
  from: "Sam",
  at: "2026-11-30T23:00:00Z",
});

function answer(extra: Partial<TCheckinResponse> = {}): TCheckinResponse {
  return {
    stateVersion: 1,
    nextCheckinSeconds: 30,
    helpdesk: confirmed,
    profiles: [
      { name: ALICE, helpdesk: confirmed },
      { name: BOB, helpdesk: confirmed },
    ],
    ...extra,
  };
}

let surfaces: EndUserSurfaces;
let mspName: string | undefined;
afterEach(async () => {
  await surfaces?.stop();
  mspName = undefined;
});

/** The agent's side with a fake service: the pages follow `answer`, and two trays connect. */
async function twoTrays(first: TCheckinResponse = answer()) {
  const service = fakeServiceChannel();
  const log: string[] = [];
  surfaces = new EndUserSurfaces({ log: (line) => log.push(line) });
  const notifications = new ReplyNotifications();
  const trays = connectTrays({
    channel: service.channel,
    surfaces,
    notifications,
    client: null,
    tooltip: () => mspName,
    log: (line) => log.push(line),
  });
  surfaces.onChange(() => trays.refresh());
  const follow = async (response: TCheckinResponse) => {
    notifications.take(response.notifications);
    await surfaces.follow(response, inventory);
  };
  await follow(first);
  service.trayOpens(1, ALICE, 1);
  service.trayOpens(2, BOB, 2);
  return { service, trays, notifications, follow, log };
}

/** The `open` line a tray got last, waiting for it (actions are answered asynchronously). */
async function opened(service: ReturnType<typeof fakeServiceChannel>, conn: number, count: number): Promise<URL> {
  for (let i = 0; i < 200; i++) {
    const lines = service.sent(conn).filter((line) => line.startsWith("open\t"));
    if (lines.length >= count) return new URL(lines[count - 1]!.slice("open\t".length));
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`tray ${conn} got no open line: ${service.sent(conn).join(" | ")}`);
}

describe("connectTrays", () => {
  it("gives each tray the menu, then its profile's state with the tooltip", async () => {
    const { service, trays, follow } = await twoTrays();
    expect(service.sent(1)).toEqual([
      "menu\tadd-ticket\tCreate New Ticket",
      "menu\tsettings\tPersonal Info Settings",
      "menu\tmy-tickets\tMy tickets",
      "menu\tportal\tOpen Customer Portal",
      "state\t1\tHelpline Helpdesk",
    ]);
    expect(trays.profiles()).toEqual([ALICE, BOB]);
    // The MSP's name, once a check-in gives it, replaces the default tooltip.
    mspName = "Contoso\tIT";
    await follow(answer());
    expect(service.sent(1).at(-1)).toBe("state\t1\tContoso IT");
  });

  it("opens each profile's own page, never the other's, and keeps the tray's screenshot for that profile only", async () => {
    const { service } = await twoTrays();
    service.trayLine(1, `action\tadd-ticket\t${PNG.toString("base64")}`);
    const alice = await opened(service, 1, 1);
    service.trayLine(2, "action\tmy-tickets");
    const bob = await opened(service, 2, 1);

    expect(alice.pathname).toBe("/add-ticket");
    expect(bob.pathname).toBe("/tickets");
    expect(alice.port).not.toBe(bob.port);
    expect(alice.searchParams.get("s")).not.toBe(bob.searchParams.get("s"));
    // Each link opens a page that says whose it is.
    expect(await (await fetch(`${alice.origin}/?s=${alice.searchParams.get("s")}`)).text()).toContain("Alice Martin");
    expect(await (await fetch(`${bob.origin}/?s=${bob.searchParams.get("s")}`)).text()).toContain("Bob Stone");
    // Alice's screenshot is on Alice's page; Bob's page, with its own secret, does not have it.
    const shot = alice.searchParams.get("shot")!;
    const fromAlice = await fetch(`${alice.origin}/screenshot/${shot}?s=${alice.searchParams.get("s")}`);
    expect(Buffer.from(await fromAlice.arrayBuffer())).toEqual(PNG);
    expect((await fetch(`${bob.origin}/screenshot/${shot}?s=${bob.searchParams.get("s")}`)).status).toBe(404);
    // Alice's secret does not open Bob's page.
    expect((await fetch(`${bob.origin}/?s=${alice.searchParams.get("s")}`)).status).toBe(403);
  });

  it("turns a tray off and on with its own profile's helpdesk, and opens nothing while it is off", async () => {
    const { service, follow, log } = await twoTrays();
    await follow(
      answer({
        profiles: [
          { name: ALICE, helpdesk: confirmed },
          { name: BOB, helpdesk: { active: false, identity: null } },
        ],
      }),
    );
    expect(service.sent(1).filter((line) => line.startsWith("state"))).toEqual(["state\t1\tHelpline Helpdesk"]);
    expect(service.sent(2).at(-1)).toBe("state\t0\tHelpline Helpdesk");
    service.trayLine(2, "action\tportal");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(service.sent(2).some((line) => line.startsWith("open"))).toBe(false);
    expect(log.some((line) => /Tray 2: portal not opened/.test(line))).toBe(true);

    await follow(answer());
    expect(service.sent(2).at(-1)).toBe("state\t1\tHelpline Helpdesk");
  });

  it("sends a reply notification to its profile's trays once, acknowledges it, and opens it on a click from that profile only", async () => {
    const { service, notifications, follow } = await twoTrays();
    await follow(answer({ notifications: [reply("n1", ALICE, 1042)] }));
    expect(service.sent(1).at(-1)).toBe("notify\tn1\tTicket #1042: new reply from Sam\tPrinter jams again");
    expect(service.sent(2).some((line) => line.startsWith("notify"))).toBe(false);
    expect(notifications.acknowledgements()).toEqual(["n1"]);

    // Repeated by the server until the acknowledgement lands: not shown twice.
    await follow(answer({ notifications: [reply("n1", ALICE, 1042)] }));
    expect(service.sent(1).filter((line) => line.startsWith("notify"))).toHaveLength(1);
    expect(notifications.acknowledgements()).toEqual(["n1"]);
    await follow(answer({ notifications: [] }));
    expect(notifications.acknowledgements()).toEqual([]);

    // Bob's tray cannot open Alice's reply; Alice's click opens her ticket list (no server here).
    service.trayLine(2, "notification-click\tn1");
    service.trayLine(1, "notification-click\tn1");
    const alice = await opened(service, 1, 1);
    expect(alice.pathname).toBe("/tickets");
    expect(service.sent(2).some((line) => line.startsWith("open"))).toBe(false);
  });

  it("speaks each tray's language: the one the server decided, else the display language the tray said", async () => {
    const french = { ...confirmed, language: "fr" };
    const { service, notifications, follow } = await twoTrays(
      answer({
        profiles: [
          { name: ALICE, helpdesk: french },
          { name: BOB, helpdesk: confirmed },
        ],
      }),
    );
    expect(service.sent(1)).toEqual([
      "menu\tadd-ticket\tCréer un nouveau ticket",
      "menu\tsettings\tParamètres personnels",
      "menu\tmy-tickets\tMes tickets",
      "menu\tportal\tOuvrir le portail client",
      "state\t1\tAssistance Helpline",
    ]);
    expect(service.sent(2)[0]).toBe("menu\tadd-ticket\tCreate New Ticket");
    // Bob's tray says Windows speaks French to him; the server had no language for him.
    service.trayLine(2, "locale\tfr-CA");
    expect(service.sent(2).slice(-5)).toEqual([
      "menu\tadd-ticket\tCréer un nouveau ticket",
      "menu\tsettings\tParamètres personnels",
      "menu\tmy-tickets\tMes tickets",
      "menu\tportal\tOuvrir le portail client",
      "state\t1\tAssistance Helpline",
    ]);
    const replies = answer({
      profiles: [
        { name: ALICE, helpdesk: french },
        { name: BOB, helpdesk: confirmed },
      ],
      notifications: [reply("n9", ALICE, 1042)],
    });
    notifications.take(replies.notifications);
    await follow(replies);
    expect(service.sent(1).at(-1)).toBe("notify\tn9\tTicket n° 1042 : nouvelle réponse de Sam\tPrinter jams again");
    // Alice chose English in the portal: the server says so, and her tray follows without a restart.
    await follow(
      answer({
        profiles: [
          { name: ALICE, helpdesk: { ...confirmed, language: "en" } },
          { name: BOB, helpdesk: confirmed },
        ],
      }),
    );
    expect(service.sent(1).slice(-5)).toEqual([
      "menu\tadd-ticket\tCreate New Ticket",
      "menu\tsettings\tPersonal Info Settings",
      "menu\tmy-tickets\tMy tickets",
      "menu\tportal\tOpen Customer Portal",
      "state\t1\tHelpline Helpdesk",
    ]);
  });

  it("keeps a reply for a profile without a tray until its tray connects", async () => {
    const service = fakeServiceChannel();
    surfaces = new EndUserSurfaces({ log: () => {} });
    const notifications = new ReplyNotifications();
    const trays = connectTrays({ channel: service.channel, surfaces, notifications, client: null, log: () => {} });
    surfaces.onChange(() => trays.refresh());
    notifications.take([reply("n2", BOB, 7)]);
    await surfaces.follow(answer(), inventory);
    expect(notifications.acknowledgements()).toEqual([]);
    service.trayOpens(5, "contoso\\BOB");
    expect(service.sent(5).at(-1)).toMatch(/^notify\tn2\tTicket #7: new reply from Sam\t/);
    expect(notifications.acknowledgements()).toEqual(["n2"]);
  });
});

describe("decodeScreenshot", () => {
  it("takes a base64 PNG and refuses anything else", () => {
    expect(decodeScreenshot(PNG.toString("base64"))).toEqual(PNG);
    expect(decodeScreenshot(Buffer.from("GIF89a").toString("base64"))).toBeNull();
    expect(decodeScreenshot(undefined)).toBeNull();
  });
});
