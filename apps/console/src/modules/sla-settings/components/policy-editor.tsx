"use client";
import { SLA_PRIORITIES, type SlaPriority } from "@helpline/core/sla-types";
import { useId, type FormEvent } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { usePolicyEditor, type PolicyDraftSource } from "../hooks/use-policy-editor";
import { PRIORITY_LABELS } from "../summaries";
import { EditorFooter } from "./editor-footer";
import { TargetsHead } from "./targets-head";

const SMALL_CONTROL =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-xs focus:border-indigo-500 focus:outline-none aria-invalid:border-red-400";

const TARGET_LABELS = { firstResponse: "first response", resolution: "resolution" } as const;

/** One target cell: amount and unit, named "<Priority> <target>" for screen readers and tests. */
function TargetCell({
  priority,
  target,
  editor,
}: {
  priority: SlaPriority;
  target: "firstResponse" | "resolution";
  editor: ReturnType<typeof usePolicyEditor>;
}) {
  const id = useId();
  const value = editor.targets[priority][target];
  const label = `${PRIORITY_LABELS[priority]} ${TARGET_LABELS[target]}`;
  const error =
    editor.errors[`targets.${priority}.${target}.amount`] ?? editor.errors[`targets.${priority}.${target}.unit`];
  return (
    <td className="px-4 py-2 align-top">
      <div className="flex gap-2">
        <input
          aria-label={label}
          value={value.amount}
          inputMode="numeric"
          onChange={(event) => editor.setTarget(priority, target, { amount: event.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={`${SMALL_CONTROL} w-20`}
        />
        <select
          aria-label={`${label} unit`}
          value={value.unit}
          onChange={(event) =>
            editor.setTarget(priority, target, { unit: event.target.value as "minutes" | "hours" | "days" })
          }
          className={SMALL_CONTROL}
        >
          <option value="minutes">minutes</option>
          <option value="hours">hours</option>
          <option value="days">days</option>
        </select>
      </div>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </td>
  );
}

/**
 * Settings ▸ SLAs ▸ a policy: Name, Calendar, per priority First response and Resolution (amount +
 * unit, business time of the calendar; a day is the calendar's average open day), Warning at (%),
 * Default policy. Save keeps everything typed and shows each refusal at its cell.
 */
export function PolicyEditor({
  source,
  calendars,
  readOnly,
}: {
  source: PolicyDraftSource;
  calendars: { id: string; name: string; timeZone: string }[];
  readOnly: boolean;
}) {
  const editor = usePolicyEditor(source);
  const warningId = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    editor.save();
  }
  return (
    <form onSubmit={submit} aria-label="Policy" className="space-y-6" noValidate>
      <p className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        Changes apply to tickets opened from now on. Open tickets keep the targets they started with.
      </p>
      <fieldset disabled={readOnly} className="space-y-6">
        <section className="grid gap-4 rounded-xl border border-slate-200 bg-white p-5 sm:grid-cols-2">
          <TextField
            label="Name"
            name="name"
            value={editor.name}
            onChange={(event) => editor.setName(event.target.value)}
            error={editor.errors.name}
            autoComplete="off"
          />
          <SelectField
            label="Calendar"
            name="calendarId"
            value={editor.calendarId}
            onChange={(event) => editor.setCalendarId(event.target.value)}
            error={editor.errors.calendarId}
          >
            {calendars.map((calendar) => (
              <option key={calendar.id} value={calendar.id}>
                {calendar.name} ({calendar.timeZone})
              </option>
            ))}
          </SelectField>
        </section>

        <section aria-labelledby="targets" className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <h2 id="targets" className="px-5 pt-5 text-base font-semibold">
            Targets
          </h2>
          <p className="px-5 pt-1 text-sm text-slate-500">
            Business time: the clock runs only in the calendar&apos;s opening hours and stops while a ticket is Pending.
            A day is the calendar&apos;s average open day.
          </p>
          <table className="mt-3 w-full text-left text-sm">
            <TargetsHead cell="px-4 py-3" className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase" />
            <tbody className="divide-y divide-slate-100">
              {[...SLA_PRIORITIES].reverse().map((priority) => (
                <tr key={priority}>
                  <th scope="row" className="px-4 py-2 font-medium">
                    {PRIORITY_LABELS[priority]}
                  </th>
                  <TargetCell priority={priority} target="firstResponse" editor={editor} />
                  <TargetCell priority={priority} target="resolution" editor={editor} />
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="flex flex-wrap items-start gap-8 rounded-xl border border-slate-200 bg-white p-5">
          <div className="space-y-1">
            <label htmlFor={warningId} className="block text-sm font-medium text-slate-700">
              Warning at
            </label>
            <div className="flex items-center gap-2">
              <input
                id={warningId}
                value={editor.warningPercent}
                inputMode="numeric"
                onChange={(event) => editor.setWarningPercent(event.target.value)}
                aria-invalid={editor.errors.warningPercent ? true : undefined}
                aria-describedby={`${warningId}-hint${editor.errors.warningPercent ? ` ${warningId}-error` : ""}`}
                className={`${SMALL_CONTROL} w-20`}
              />
              <span id={`${warningId}-hint`} className="text-sm text-slate-500">
                % of a target&apos;s time: the assignee is mailed then
              </span>
            </div>
            {editor.errors.warningPercent ? (
              <p id={`${warningId}-error`} className="text-xs text-red-600">
                {editor.errors.warningPercent}
              </p>
            ) : null}
          </div>
          <label className="flex items-center gap-2 pt-6 text-sm">
            <input
              type="checkbox"
              checked={editor.makeDefault}
              disabled={source.isDefault}
              onChange={(event) => editor.setMakeDefault(event.target.checked)}
            />
            Default policy
            {source.isDefault ? (
              <span className="text-slate-500">(make another policy the default to change this)</span>
            ) : (
              <span className="text-slate-500">(for every customer without its own)</span>
            )}
          </label>
        </section>
      </fieldset>
      <EditorFooter readOnly={readOnly} saving={editor.saving} readOnlyText="Only an admin can change SLA policies." />
    </form>
  );
}
