import type { HelpdeskState } from "@helpline/core";
import { HELPDESK_STATE_LABEL } from "../helpdesk-labels";

const TONE: Record<HelpdeskState, string> = {
  not_active: "text-slate-500",
  awaiting_identity: "bg-amber-50 text-amber-800",
  confirmed: "bg-emerald-50 text-emerald-700",
};

export function HelpdeskStateBadge({ state }: { state: HelpdeskState }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${TONE[state]}`}>
      {HELPDESK_STATE_LABEL[state]}
    </span>
  );
}
