// When is an enroll "the same machine again"? (issue 10 §1, shared/quality.md: "a re-enroll proves
// it is the same machine; a clone becomes a new device and inherits nothing".) A machineId alone
// proves nothing: a disk image cloned without sysprep carries it, often the hostname too, and
// sometimes the agent's state file with its token. The pure rules live here; enroll-device.ts
// reads the rows and writes the outcome.

/** A token superseded by a newer one keeps working this long (enrolls racing each other). */
export const TOKEN_GRACE_MS = 5 * 60_000;
/** An enroll repeated this soon after the first, before anyone signed in, is that same enroll. */
export const REPEAT_WINDOW_MS = 30_000;

/** A device of the customer with the machineId being enrolled. */
export type EnrollCandidate = {
  id: string;
  hostname: string;
  hardwareId: string | null;
  firstSeenAt: Date;
  /** Whether any user profile was ever reported on it (then it has something to inherit). */
  hasProfiles: boolean;
  cloneOfId: string | null;
};

/** The device (of this customer) that held the `previousAgentToken` presented, and how. */
export type PresentedToken = {
  deviceId: string;
  machineId: string;
  hardwareId: string | null;
  /** null: it is the device's current token. */
  retiresAt: Date | null;
  /** Already exchanged for a newer token by a re-enroll that presented it. */
  exchanged: boolean;
};

export type EnrollClaim = { machineId: string; hostname: string; hardwareId: string | null };

export type CloneReason =
  "token_from_other_hardware" | "token_from_other_machine" | "token_already_exchanged" | "unproven";

export type EnrollDecision =
  | { kind: "same"; deviceId: string; proof: "token" | "hardware" | "repeat" }
  | { kind: "new"; possibleCloneOf: { deviceId: string; reason: CloneReason } | null };

/**
 * Why a device was flagged, for the audit log and the console, after "possible clone of <host>: ".
 * `whose` is "that device's" on the new device and "this device's" on the one it may be a clone of.
 */
export function cloneReasonText(reason: CloneReason, whose: "that device's" | "this device's"): string {
  switch (reason) {
    case "token_from_other_hardware":
      return `it presented ${whose} agent token from different hardware`;
    case "token_from_other_machine":
      return `it presented ${whose} agent token under another machine id`;
    case "token_already_exchanged":
      return `it presented ${whose} agent token after it had been exchanged for a newer one`;
    case "unproven":
      return `same machine id, without ${whose} agent token or the same hardware and hostname`;
  }
}

/**
 * Decides whether an enroll is a device already known (and by which proof) or a new device, and
 * whether that new device is a possible clone of another. In order:
 * 1. `token`: it presents the agent token of a device with this machineId — current, still in its
 *    grace, or an older one never exchanged — and that device's hardware id does not differ;
 * 2. `hardware`: a device with this machineId has the same hardware id and the same hostname;
 * 3. `repeat`: a device with this machineId enrolled under the same hostname less than
 *    REPEAT_WINDOW_MS ago, before anyone signed in on it (nothing to inherit yet), and its hardware
 *    id does not differ: the same enroll sent again, e.g. several at once.
 * Otherwise the enroll is a new device; it is a possible clone of the device whose token it
 * presented, or else of the first device enrolled with this machineId that is not itself a
 * possible clone. `candidates` are oldest first.
 */
export function judgeEnroll(options: {
  claim: EnrollClaim;
  candidates: EnrollCandidate[];
  token: PresentedToken | null;
  now: Date;
}): EnrollDecision {
  const { claim, candidates, token, now } = options;
  const hardwareDiffers = (hardwareId: string | null) =>
    hardwareId !== null && claim.hardwareId !== null && hardwareId !== claim.hardwareId;

  if (
    token &&
    token.machineId === claim.machineId &&
    !hardwareDiffers(token.hardwareId) &&
    tokenStillProves(token, now)
  ) {
    return { kind: "same", deviceId: token.deviceId, proof: "token" };
  }
  const sameHardware = candidates.find(
    (device) =>
      device.hardwareId !== null && device.hardwareId === claim.hardwareId && device.hostname === claim.hostname,
  );
  if (sameHardware) return { kind: "same", deviceId: sameHardware.id, proof: "hardware" };
  const repeated = candidates.find(
    (device) =>
      !device.hasProfiles &&
      device.hostname === claim.hostname &&
      !hardwareDiffers(device.hardwareId) &&
      now.getTime() - device.firstSeenAt.getTime() < REPEAT_WINDOW_MS,
  );
  if (repeated) return { kind: "same", deviceId: repeated.id, proof: "repeat" };

  if (token) {
    const reason: CloneReason =
      token.machineId !== claim.machineId
        ? "token_from_other_machine"
        : hardwareDiffers(token.hardwareId)
          ? "token_from_other_hardware"
          : "token_already_exchanged";
    return { kind: "new", possibleCloneOf: { deviceId: token.deviceId, reason } };
  }
  const original = candidates.find((device) => device.cloneOfId === null) ?? candidates[0];
  return { kind: "new", possibleCloneOf: original ? { deviceId: original.id, reason: "unproven" } : null };
}

// A token exchanged by a re-enroll may be presented again only while its grace lasts (the answer
// to that re-enroll may have been lost); after that, whoever presents it holds a copy of it.
function tokenStillProves(token: PresentedToken, now: Date): boolean {
  return token.retiresAt === null || token.retiresAt > now || !token.exchanged;
}
