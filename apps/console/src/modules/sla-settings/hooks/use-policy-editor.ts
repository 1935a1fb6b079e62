"use client";
import { SLA_PRIORITIES, type PolicyTargets, type SlaPriority } from "@helpline/core/sla-types";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useToast } from "@/components/ui/toaster";
import { createPolicyAction, setDefaultPolicyAction, updatePolicyAction } from "../actions";

type Unit = "minutes" | "hours" | "days";
type TargetDraft = { amount: string; unit: Unit };
type TargetsDraft = Record<SlaPriority, { firstResponse: TargetDraft; resolution: TargetDraft }>;

/** What the editor starts from: a stored policy, or (new) the Standard targets on a calendar. */
export type PolicyDraftSource = {
  id: string | null;
  name: string;
  calendarId: string;
  targets: PolicyTargets;
  warningPercent: number;
  isDefault: boolean;
};

/** A typed amount as a number when it is one; otherwise as typed, for the server to refuse at its row. */
function amountOf(text: string): number | string {
  return text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
}

/**
 * The state of the policy editor: name, calendar, per priority the first response and resolution
 * targets (amount as typed + unit), warning percent, and Default policy. Field errors come back
 * by path (`targets.high.resolution.amount`) and everything typed stays. Saving a new policy goes
 * back to the list; ticking Default policy makes it the default once it is saved.
 */
export function usePolicyEditor(source: PolicyDraftSource) {
  const [name, setName] = useState(source.name);
  const [calendarId, setCalendarId] = useState(source.calendarId);
  const [targets, setTargets] = useState<TargetsDraft>(
    () =>
      Object.fromEntries(
        SLA_PRIORITIES.map((priority) => [
          priority,
          {
            firstResponse: {
              ...source.targets[priority].firstResponse,
              amount: String(source.targets[priority].firstResponse.amount),
            },
            resolution: {
              ...source.targets[priority].resolution,
              amount: String(source.targets[priority].resolution.amount),
            },
          },
        ]),
      ) as TargetsDraft,
  );
  const [warningPercent, setWarningPercent] = useState(String(source.warningPercent));
  const [makeDefault, setMakeDefault] = useState(source.isDefault);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const toast = useToast();
  const router = useRouter();

  const mutation = useMutation({
    mutationFn: async () => {
      const policy = {
        name,
        calendarId,
        warningPercent: amountOf(warningPercent),
        targets: Object.fromEntries(
          SLA_PRIORITIES.map((priority) => [
            priority,
            {
              firstResponse: {
                ...targets[priority].firstResponse,
                amount: amountOf(targets[priority].firstResponse.amount),
              },
              resolution: { ...targets[priority].resolution, amount: amountOf(targets[priority].resolution.amount) },
            },
          ]),
        ),
      };
      const saved = source.id
        ? await updatePolicyAction({ ...policy, policyId: source.id })
        : await createPolicyAction(policy);
      if (!saved.ok || !makeDefault || source.isDefault) return { saved, defaultError: null };
      const made = await setDefaultPolicyAction({ policyId: saved.data.id });
      return { saved, defaultError: made.ok ? null : made.error.message };
    },
    onSuccess: ({ saved, defaultError }) => {
      if (!saved.ok) {
        setErrors(saved.error.fields ?? {});
        toast("error", saved.error.message);
        return;
      }
      setErrors({});
      if (defaultError) toast("error", `${saved.data.name} is saved, but is not the default: ${defaultError}`);
      else
        toast(
          "success",
          `${saved.data.name} is saved${makeDefault && !source.isDefault ? " and is now the default policy" : ""}. It applies to tickets opened from now on.`,
        );
      if (source.id) router.refresh();
      else router.push("/settings/slas");
    },
    onError: () => toast("error", "Could not save the policy. Try again."),
  });

  return {
    name,
    setName,
    calendarId,
    setCalendarId,
    targets,
    setTarget(priority: SlaPriority, target: "firstResponse" | "resolution", change: Partial<TargetDraft>) {
      setTargets((current) => ({
        ...current,
        [priority]: { ...current[priority], [target]: { ...current[priority][target], ...change } },
      }));
    },
    warningPercent,
    setWarningPercent,
    makeDefault,
    setMakeDefault,
    errors,
    save: () => mutation.mutate(),
    saving: mutation.isPending,
  };
}
