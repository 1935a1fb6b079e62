import { describe, expect, it } from "vitest";
import { decideHelpdeskOutcome, helpdeskState } from "./helpdesk-rules.ts";

const workstation = (helpdeskActive: boolean | null) => ({
  osPlatform: "windows" as const,
  osKind: "workstation" as const,
  currentProfile: helpdeskActive === null ? null : { helpdeskActive },
});

describe("decideHelpdeskOutcome", () => {
  it("activates and deactivates the signed-in profile of a Windows workstation, idempotently", () => {
    expect(decideHelpdeskOutcome(workstation(false), "activate")).toEqual({ outcome: "activated" });
    expect(decideHelpdeskOutcome(workstation(true), "activate")).toEqual({ outcome: "already_active" });
    expect(decideHelpdeskOutcome(workstation(true), "deactivate")).toEqual({ outcome: "deactivated" });
    expect(decideHelpdeskOutcome(workstation(false), "deactivate")).toEqual({ outcome: "already_inactive" });
  });

  it("skips servers, macOS and Linux, and devices with nobody signed in", () => {
    for (const os of [
      { osPlatform: "windows", osKind: "server" },
      { osPlatform: "macos", osKind: "workstation" },
      { osPlatform: "linux", osKind: "workstation" },
    ] as const) {
      expect(decideHelpdeskOutcome({ ...os, currentProfile: { helpdeskActive: false } }, "activate")).toEqual({
        outcome: "skipped",
        reason: "not_windows_workstation",
      });
    }
    expect(decideHelpdeskOutcome(workstation(null), "activate")).toEqual({
      outcome: "skipped",
      reason: "nobody_signed_in",
    });
    expect(decideHelpdeskOutcome(workstation(null), "deactivate")).toEqual({
      outcome: "skipped",
      reason: "nobody_signed_in",
    });
  });
});

describe("helpdeskState", () => {
  it("is not active without a profile or activation, awaits identity once active, then is confirmed", () => {
    expect(helpdeskState(null)).toBe("not_active");
    expect(helpdeskState({ helpdeskActive: false })).toBe("not_active");
    expect(helpdeskState({ helpdeskActive: true })).toBe("awaiting_identity");
    expect(helpdeskState({ helpdeskActive: true, contactId: "c" })).toBe("confirmed");
    expect(helpdeskState({ helpdeskActive: false, contactId: "c" })).toBe("not_active");
  });
});
