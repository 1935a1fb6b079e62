"use client";
import { useOptimisticToggle } from "@/lib/use-optimistic-toggle";
import { setHelpdeskPolicyAction } from "../actions";

const POLICY_LABEL = "Activate the Helpdesk Agent for every new user profile on this customer's Windows workstations";

export function HelpdeskPolicyToggle({ customerId, enabled }: { customerId: string; enabled: boolean }) {
  const policy = useOptimisticToggle({
    initial: enabled,
    save: (next) => setHelpdeskPolicyAction({ customerId, enabled: next }),
    saved: (next) => (next ? "Policy on: new user profiles get the Helpdesk Agent." : "Policy off."),
    failed: "Could not change the policy. Try again.",
  });
  return (
    <label className="flex items-start gap-3 rounded-xl border border-slate-200 bg-white p-4 text-sm">
      <input
        type="checkbox"
        className="mt-0.5 h-4 w-4"
        checked={policy.checked}
        disabled={policy.pending}
        onChange={(event) => policy.toggle(event.target.checked)}
      />
      <span>
        <span className="font-medium text-slate-900">{POLICY_LABEL}</span>
        <span className="mt-0.5 block text-slate-500">
          Off by default. Each activation is recorded in the audit log as done by the policy.
        </span>
      </span>
    </label>
  );
}
