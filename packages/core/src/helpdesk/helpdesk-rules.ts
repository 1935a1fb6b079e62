export type HelpdeskAction = "activate" | "deactivate";
export type HelpdeskOutcome = "activated" | "already_active" | "deactivated" | "already_inactive" | "skipped";
export type SkipReason = "not_windows_workstation" | "nobody_signed_in";

/** Shown as the refusal of a single activation (Device / Agent page). */
export const SKIP_REASON_MESSAGE: Record<SkipReason, string> = {
  not_windows_workstation: "Helpdesk Agent is available on Windows workstations only",
  nobody_signed_in: "Nobody is signed in on this device",
};

export type HelpdeskTarget = {
  osPlatform: "windows" | "macos" | "linux";
  osKind: "workstation" | "server";
  currentProfile: { helpdeskActive: boolean } | null;
};

export function isHelpdeskEligible(device: Pick<HelpdeskTarget, "osPlatform" | "osKind">): boolean {
  return device.osPlatform === "windows" && device.osKind === "workstation";
}

/**
 * The Helpdesk Agent is for Windows workstations, and binds to the user profile signed in now
 * (as the agent last reported it). Offline devices are fine: the agent learns at its next check-in.
 */
export function decideHelpdeskOutcome(
  device: HelpdeskTarget,
  action: HelpdeskAction,
): { outcome: HelpdeskOutcome; reason?: SkipReason } {
  if (!isHelpdeskEligible(device)) return { outcome: "skipped", reason: "not_windows_workstation" };
  if (!device.currentProfile) return { outcome: "skipped", reason: "nobody_signed_in" };
  const active = device.currentProfile.helpdeskActive;
  if (action === "activate") return { outcome: active ? "already_active" : "activated" };
  return { outcome: active ? "deactivated" : "already_inactive" };
}

export type HelpdeskState = "not_active" | "awaiting_identity" | "confirmed";

/** The one visible state of a (device, profile) pair. */
export function helpdeskState(profile: { helpdeskActive: boolean; contactId?: string | null } | null): HelpdeskState {
  if (!profile?.helpdeskActive) return "not_active";
  return profile.contactId ? "confirmed" : "awaiting_identity";
}
