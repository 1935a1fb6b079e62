"use client";
import { useOptimisticToggle } from "@/lib/use-optimistic-toggle";
import { updateWebhookEndpointAction } from "../actions";

/**
 * Enabled: a switch (Space or Enter flips it). Off, nothing new is queued for the endpoint; on again,
 * an endpoint the sender disabled after days of failures starts afresh.
 */
export function EnabledSwitch({ endpointId, enabled }: { endpointId: string; enabled: boolean }) {
  const toggle = useOptimisticToggle({
    initial: enabled,
    save: (next) => updateWebhookEndpointAction({ endpointId, enabled: next }),
    saved: (next) => (next ? "Endpoint enabled." : "Endpoint disabled: no events are sent to it."),
    failed: "Could not change the endpoint. Try again.",
  });
  return (
    <div className="flex items-center justify-between gap-4">
      <span id="endpoint-enabled-label" className="text-sm font-medium text-slate-700">
        Enabled
      </span>
      <button
        type="button"
        role="switch"
        aria-checked={toggle.checked}
        aria-labelledby="endpoint-enabled-label"
        disabled={toggle.pending}
        onClick={() => toggle.toggle(!toggle.checked)}
        className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${toggle.checked ? "bg-indigo-600" : "bg-slate-300"}`}
      >
        <span
          aria-hidden
          className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${toggle.checked ? "translate-x-5" : "translate-x-0.5"}`}
        />
      </button>
    </div>
  );
}
