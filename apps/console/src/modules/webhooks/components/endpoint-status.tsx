"use client";
import type { WebhookEndpointState } from "@helpline/core";
import { DateTime } from "@/components/ui/zoned-time";

const TONE: Record<WebhookEndpointState, string> = {
  active: "bg-emerald-50 text-emerald-700",
  failing: "bg-amber-50 text-amber-800",
  disabled: "bg-slate-100 text-slate-600",
};

/** Active, Failing since <time>, or Disabled (with why, when the sender switched it off). */
export function EndpointStatus({
  state,
  failingSince,
  disabledReason,
}: {
  state: WebhookEndpointState;
  failingSince: Date | null;
  disabledReason: string | null;
}) {
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${TONE[state]}`}>
      {state === "active" ? "Active" : null}
      {state === "failing" && failingSince ? (
        <>
          Failing since <DateTime at={failingSince} />
        </>
      ) : null}
      {state === "disabled" ? (disabledReason ? `Disabled: ${disabledReason}` : "Disabled") : null}
    </span>
  );
}
