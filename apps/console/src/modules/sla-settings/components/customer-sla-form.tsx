"use client";
import type { listSlaCalendars, listSlaPolicies } from "@helpline/core";
import { SLA_PRIORITIES } from "@helpline/core/sla-types";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { setCustomerSlaPolicyAction } from "../actions";
import { formatTarget, PRIORITY_LABELS, summarizeWeeklyHours } from "../summaries";
import { TargetsHead } from "./targets-head";

type Policy = Awaited<ReturnType<typeof listSlaPolicies>>[number];
type Calendar = Awaited<ReturnType<typeof listSlaCalendars>>[number];

/**
 * Customer page ▸ SLA: the customer's policy ("Default policy (…)" or one of its own), and the
 * calendar (name, zone, hours) and targets of the policy chosen, updated as the choice changes.
 * Admins save; other technicians read.
 */
export function CustomerSlaForm({
  customerId,
  ownPolicyId,
  policies,
  calendars,
  canEdit,
}: {
  customerId: string;
  ownPolicyId: string | null;
  policies: Policy[];
  calendars: Calendar[];
  canEdit: boolean;
}) {
  const toast = useToast();
  const [choice, setChoice] = useState(ownPolicyId ?? "");
  const [error, setError] = useState<string | undefined>();
  const defaultPolicy = policies.find((policy) => policy.isDefault) ?? null;
  const shown = choice ? policies.find((policy) => policy.id === choice) : defaultPolicy;
  const calendar = shown ? calendars.find((row) => row.id === shown.calendar.id) : undefined;
  const mutation = useMutation({
    mutationFn: (policyId: string | null) => setCustomerSlaPolicyAction({ customerId, policyId }),
    onSuccess: (result) => {
      if (!result.ok) {
        setError(result.error.fields?.policyId ?? result.error.message);
        toast("error", result.error.message);
        return;
      }
      setError(undefined);
      toast(
        "success",
        `New tickets of this customer follow ${shown ? shown.name : "no policy"}${choice ? "" : " (the default policy)"}.`,
      );
    },
    onError: () => toast("error", "Could not save. Try again."),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    mutation.mutate(choice || null);
  }
  return (
    <form
      onSubmit={submit}
      aria-label="SLA"
      className="max-w-3xl space-y-4 rounded-xl border border-slate-200 bg-white p-5"
      noValidate
    >
      <SelectField
        label="SLA policy"
        name="policyId"
        value={choice}
        onChange={(event) => setChoice(event.target.value)}
        error={error}
        disabled={!canEdit}
      >
        <option value="">Default policy ({defaultPolicy ? defaultPolicy.name : "none set"})</option>
        {policies.map((policy) => (
          <option key={policy.id} value={policy.id}>
            {policy.name}
          </option>
        ))}
      </SelectField>
      {shown ? (
        <div className="space-y-3 text-sm">
          <p>
            <span className="text-slate-500">Calendar: </span>
            <span className="font-medium">{shown.calendar.name}</span> ({shown.calendar.timeZone})
            {calendar ? <span className="text-slate-500">, {summarizeWeeklyHours(calendar.weeklyHours)}</span> : null}
          </p>
          <table className="w-full max-w-md text-left">
            <caption className="sr-only">Targets of {shown.name}</caption>
            <TargetsHead cell="py-1" className="text-xs tracking-wide text-slate-500 uppercase" />
            <tbody>
              {[...SLA_PRIORITIES].reverse().map((priority) => (
                <tr key={priority}>
                  <th scope="row" className="py-1 font-medium">
                    {PRIORITY_LABELS[priority]}
                  </th>
                  <td className="py-1">{formatTarget(shown.targets[priority].firstResponse)}</td>
                  <td className="py-1">{formatTarget(shown.targets[priority].resolution)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="text-slate-500">
            Business time; warning at {shown.warningPercent} %. Applies to tickets opened from now on.
          </p>
        </div>
      ) : (
        <p className="text-sm text-slate-500">
          No default policy is set, so this customer&apos;s tickets have no due times.{" "}
          <Link href="/settings/slas" className="font-medium text-indigo-700 hover:underline">
            Settings ▸ SLAs
          </Link>
        </p>
      )}
      {canEdit ? (
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : "Save"}
        </Button>
      ) : (
        <p className="text-sm text-slate-500">Only an admin can change a customer&apos;s SLA policy.</p>
      )}
    </form>
  );
}
