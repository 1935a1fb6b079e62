import { describe, expect, it } from "vitest";
import { signedInProfiles } from "./signed-in-profiles.ts";

describe("signedInProfiles", () => {
  it("lists each profile once, the console one current, with whether its tray runs", () => {
    const result = signedInProfiles(
      [
        { id: 1, profile: "CONTOSO\\alice", console: false },
        { id: 2, profile: "CONTOSO\\bob", console: true },
        { id: 3, profile: "contoso\\ALICE", console: false },
      ],
      ["contoso\\Bob"],
    );
    expect(result).toEqual({
      profiles: [
        { name: "CONTOSO\\alice", displayName: null, console: false, trayRunning: false },
        { name: "CONTOSO\\bob", displayName: null, console: true, trayRunning: true },
      ],
      currentProfile: { name: "CONTOSO\\bob", displayName: null },
    });
  });

  it("gives each profile the display language its tray reported, and the current one's as the check-in's", () => {
    const result = signedInProfiles(
      [
        { id: 1, profile: "CONTOSO\\alice", console: true },
        { id: 2, profile: "CONTOSO\\bob", console: false },
      ],
      ["CONTOSO\\alice", "CONTOSO\\bob"],
      new Map([["contoso\\ALICE", "fr-FR"]]),
    );
    expect(result.profiles.map((profile) => profile.locale)).toEqual(["fr-FR", undefined]);
    expect(result.locale).toBe("fr-FR");
    expect(signedInProfiles([{ id: 2, profile: "CONTOSO\\bob", console: true }], []).locale).toBeUndefined();
  });

  it("takes the only profile as current when none is on the console", () => {
    expect(signedInProfiles([{ id: 4, profile: "CONTOSO\\carol", console: false }], []).currentProfile).toEqual({
      name: "CONTOSO\\carol",
      displayName: null,
    });
  });

  it("has no current profile for several Remote Desktop users, nor for nobody", () => {
    const remote = [
      { id: 4, profile: "CONTOSO\\carol", console: false },
      { id: 5, profile: "CONTOSO\\dave", console: false },
    ];
    expect(signedInProfiles(remote, []).currentProfile).toBeNull();
    expect(signedInProfiles([], [])).toEqual({ profiles: [], currentProfile: null });
  });
});
