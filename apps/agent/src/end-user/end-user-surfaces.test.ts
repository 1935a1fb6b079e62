import { afterEach, describe, expect, it } from "vitest";
import type { Inventory } from "../system/inventory.ts";
import { activeProfiles, EndUserSurfaces } from "./end-user-surfaces.ts";
import { ReplyNotifications } from "./reply-notifications.ts";

const on = { active: true, identity: null };
const off = { active: false, identity: null };
const linuxDesktop: Inventory = {
  hostname: "ws-7",
  os: { platform: "linux", name: "Ubuntu", version: "24.04", kind: "workstation" },
  ip: null,
  currentProfile: { name: "alice", displayName: "Alice Martin" },
};
const shared: Inventory = {
  ...linuxDesktop,
  currentProfile: { name: "PC\\alice", displayName: null },
  profiles: [
    { name: "PC\\alice", displayName: null, console: true },
    { name: "PC\\bob", displayName: "Bob Stone", console: false },
  ],
};

let surfaces: EndUserSurfaces | null = null;
afterEach(async () => {
  await surfaces?.stop();
  surfaces = null;
});

describe("activeProfiles", () => {
  const answer = { stateVersion: 1, nextCheckinSeconds: 30 };

  it("follows the answer's per-profile states when it has them", () => {
    const response = {
      ...answer,
      helpdesk: on,
      profiles: [
        { name: "PC\\ALICE", helpdesk: off },
        { name: "pc\\bob", helpdesk: on },
      ],
    };
    expect(activeProfiles(response, shared)).toEqual([
      { profile: { name: "PC\\bob", displayName: "Bob Stone" }, helpdesk: on },
    ]);
  });

  it("without them, only the current profile follows `helpdesk`; others count as inactive", () => {
    expect(activeProfiles({ ...answer, helpdesk: on }, shared)).toEqual([
      { profile: { name: "PC\\alice", displayName: null }, helpdesk: on },
    ]);
    expect(activeProfiles({ ...answer, helpdesk: off }, shared)).toEqual([]);
  });
});

describe("EndUserSurfaces on Linux and macOS (no tray)", () => {
  it("lists a reply on Home once, and acknowledges it when shown", async () => {
    const replies = new ReplyNotifications();
    surfaces = new EndUserSurfaces({ log: () => {}, replies });
    const reply = {
      id: "r9",
      kind: "reply",
      profile: "alice",
      ticketNumber: 1042,
      title: "VPN <drops>",
      from: "Sam",
      at: "2026-11-30T23:00:00Z",
    };
    replies.take([reply]);
    await surfaces.follow(
      { stateVersion: 1, nextCheckinSeconds: 30, helpdesk: on, notifications: [reply] },
      linuxDesktop,
    );
    const url = surfaces.localPageUrl!;

    const first = await (await fetch(url)).text();
    expect(first).toContain("New reply on ticket #1042 from Sam: VPN &#60;drops&#62;");
    expect(replies.acknowledgements()).toEqual(["r9"]);
    expect(await (await fetch(url)).text()).not.toContain("New reply");
  });
});

describe("EndUserSurfaces' log", () => {
  it("names each profile's page by its origin but never logs its secret", async () => {
    const lines: string[] = [];
    surfaces = new EndUserSurfaces({ log: (line) => lines.push(line) });
    const answer = { stateVersion: 1, nextCheckinSeconds: 30 };
    await surfaces.follow({ ...answer, helpdesk: off, profiles: [{ name: "PC\\bob", helpdesk: on }] }, shared);
    const link = new URL((await surfaces.linkFor("PC\\bob", "my-tickets"))!);
    await surfaces.follow({ ...answer, helpdesk: off }, shared);

    expect(link.searchParams.get("s")).toMatch(/^[\w-]{32}$/);
    expect(lines).toContain(`Local page for PC\\bob: ${link.origin}/`);
    expect(lines.filter((line) => line.includes(link.searchParams.get("s")!))).toEqual([]);
  });
});
