import { describe, expect, it } from "vitest";
import { judgeEnroll, REPEAT_WINDOW_MS, type EnrollCandidate, type PresentedToken } from "./enroll-rules.ts";

const now = new Date("2026-11-30T12:00:00Z");
const long = new Date(now.getTime() - 86_400_000);
const pcA: EnrollCandidate = {
  id: "a",
  hostname: "PC-A",
  hardwareId: "hw-a",
  firstSeenAt: long,
  hasProfiles: true,
  cloneOfId: null,
};
const tokenOfA = (overrides: Partial<PresentedToken> = {}): PresentedToken => ({
  deviceId: "a",
  machineId: "M",
  hardwareId: "hw-a",
  retiresAt: null,
  exchanged: false,
  ...overrides,
});
const claim = (overrides: Partial<{ hostname: string; hardwareId: string | null; machineId: string }> = {}) => ({
  machineId: "M",
  hostname: "PC-A",
  hardwareId: "hw-a",
  ...overrides,
});

describe("judgeEnroll", () => {
  it("a machineId alone proves nothing: a new device, a possible clone of the first one", () => {
    expect(
      judgeEnroll({ claim: claim({ hostname: "PC-B", hardwareId: null }), candidates: [pcA], token: null, now }),
    ).toEqual({ kind: "new", possibleCloneOf: { deviceId: "a", reason: "unproven" } });
    expect(judgeEnroll({ claim: claim({ hardwareId: null }), candidates: [pcA], token: null, now })).toMatchObject({
      kind: "new",
    });
    expect(judgeEnroll({ claim: claim(), candidates: [], token: null, now })).toEqual({
      kind: "new",
      possibleCloneOf: null,
    });
  });

  it("its token proves it, also renamed, unless the hardware differs or it was exchanged and its grace is over", () => {
    expect(
      judgeEnroll({ claim: claim({ hostname: "PC-RENAMED" }), candidates: [pcA], token: tokenOfA(), now }),
    ).toEqual({ kind: "same", deviceId: "a", proof: "token" });
    expect(
      judgeEnroll({ claim: claim({ hardwareId: null }), candidates: [pcA], token: tokenOfA(), now }),
    ).toMatchObject({ kind: "same", proof: "token" });
    expect(judgeEnroll({ claim: claim({ hardwareId: "hw-b" }), candidates: [pcA], token: tokenOfA(), now })).toEqual({
      kind: "new",
      possibleCloneOf: { deviceId: "a", reason: "token_from_other_hardware" },
    });
    expect(judgeEnroll({ claim: claim({ machineId: "M2" }), candidates: [], token: tokenOfA(), now })).toEqual({
      kind: "new",
      possibleCloneOf: { deviceId: "a", reason: "token_from_other_machine" },
    });
    const past = new Date(now.getTime() - 1000);
    const future = new Date(now.getTime() + 1000);
    expect(
      judgeEnroll({
        claim: claim({ hardwareId: null }),
        candidates: [pcA],
        token: tokenOfA({ retiresAt: past, exchanged: false }),
        now,
      }),
    ).toMatchObject({ kind: "same" });
    expect(
      judgeEnroll({
        claim: claim({ hardwareId: null }),
        candidates: [pcA],
        token: tokenOfA({ retiresAt: future, exchanged: true }),
        now,
      }),
    ).toMatchObject({ kind: "same" });
    expect(
      judgeEnroll({
        claim: claim({ hardwareId: null }),
        candidates: [pcA],
        token: tokenOfA({ retiresAt: past, exchanged: true }),
        now,
      }),
    ).toEqual({ kind: "new", possibleCloneOf: { deviceId: "a", reason: "token_already_exchanged" } });
  });

  it("the same hardware id proves it only with the same hostname", () => {
    expect(judgeEnroll({ claim: claim(), candidates: [pcA], token: null, now })).toEqual({
      kind: "same",
      deviceId: "a",
      proof: "hardware",
    });
    expect(judgeEnroll({ claim: claim({ hostname: "PC-B" }), candidates: [pcA], token: null, now })).toMatchObject({
      kind: "new",
    });
  });

  it("the clone's own device is found among several with the machineId", () => {
    const clone: EnrollCandidate = {
      id: "b",
      hostname: "PC-A",
      hardwareId: "hw-b",
      firstSeenAt: now,
      hasProfiles: true,
      cloneOfId: "a",
    };
    expect(
      judgeEnroll({ claim: claim({ hardwareId: "hw-b" }), candidates: [pcA, clone], token: tokenOfA(), now }),
    ).toEqual({ kind: "same", deviceId: "b", proof: "hardware" });
    expect(judgeEnroll({ claim: claim({ hardwareId: "hw-c" }), candidates: [pcA, clone], token: null, now })).toEqual({
      kind: "new",
      possibleCloneOf: { deviceId: "a", reason: "unproven" },
    });
  });

  it("the same enroll repeated at once is the same device only before anyone signed in, under the same hostname and hardware", () => {
    const fresh: EnrollCandidate = {
      id: "f",
      hostname: "PC-F",
      hardwareId: null,
      firstSeenAt: new Date(now.getTime() - REPEAT_WINDOW_MS + 1000),
      hasProfiles: false,
      cloneOfId: null,
    };
    expect(
      judgeEnroll({ claim: claim({ hostname: "PC-F", hardwareId: null }), candidates: [fresh], token: null, now }),
    ).toEqual({ kind: "same", deviceId: "f", proof: "repeat" });
    expect(
      judgeEnroll({
        claim: claim({ hostname: "PC-F", hardwareId: null }),
        candidates: [{ ...fresh, hasProfiles: true }],
        token: null,
        now,
      }),
    ).toMatchObject({ kind: "new" });
    expect(
      judgeEnroll({ claim: claim({ hostname: "PC-G", hardwareId: null }), candidates: [fresh], token: null, now }),
    ).toMatchObject({ kind: "new" });
    expect(
      judgeEnroll({
        claim: claim({ hostname: "PC-F", hardwareId: "hw-x" }),
        candidates: [{ ...fresh, hardwareId: "hw-y" }],
        token: null,
        now,
      }),
    ).toMatchObject({ kind: "new" });
    expect(
      judgeEnroll({
        claim: claim({ hostname: "PC-F", hardwareId: null }),
        candidates: [{ ...fresh, firstSeenAt: new Date(now.getTime() - REPEAT_WINDOW_MS) }],
        token: null,
        now,
      }),
    ).toMatchObject({ kind: "new" });
  });
});
