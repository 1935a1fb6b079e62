import type { HelpdeskOutcome, HelpdeskState, SkipReason } from "@helpline/core";

export const HELPDESK_STATE_LABEL: Record<HelpdeskState, string> = {
  not_active: "Not active",
  awaiting_identity: "Active — awaiting identity",
  confirmed: "Active — confirmed",
};

const SKIP_TEXT: Record<SkipReason, string> = {
  not_windows_workstation: "not a Windows workstation",
  nobody_signed_in: "nobody signed in",
};

export function outcomeLabel(outcome: HelpdeskOutcome, reason?: SkipReason): string {
  switch (outcome) {
    case "activated":
      return "Activated";
    case "already_active":
      return "Already active";
    case "deactivated":
      return "Deactivated";
    case "already_inactive":
      return "Already not active";
    case "skipped":
      return `Skipped — ${reason ? SKIP_TEXT[reason] : "not eligible"}`;
  }
}
