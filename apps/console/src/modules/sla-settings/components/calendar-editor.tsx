"use client";
import { useId, type FormEvent, type InputHTMLAttributes } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useCalendarEditor, type CalendarDraftSource, type RangeDraft } from "../hooks/use-calendar-editor";
import { WEEKDAY_LONG } from "../summaries";
import { EditorFooter } from "./editor-footer";
import { RecomputeProgress } from "./recompute-progress";
import { TimeZoneField } from "./time-zone-field";

const SMALL_CONTROL =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-xs focus:border-indigo-500 focus:outline-none aria-invalid:border-red-400";

/** A compact input labelled for screen readers and tests, its error (if any) read with it. */
function RowInput({
  label,
  error,
  className = "",
  ...props
}: { label: string; error?: string | undefined } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <input
      id={id}
      aria-label={label}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
      className={`${SMALL_CONTROL} ${className}`}
      {...props}
    />
  );
}

function RowErrors({ messages }: { messages: (string | undefined)[] }) {
  const shown = messages.filter(Boolean);
  if (shown.length === 0) return null;
  return (
    <p className="text-xs text-red-600" role="alert">
      {shown.join(" ")}
    </p>
  );
}

function RangeRow({
  range,
  number,
  errors,
  onChange,
  onRemove,
}: {
  range: RangeDraft;
  number: number;
  errors: { start?: string; end?: string } | undefined;
  onChange: (change: { start?: string; end?: string }) => void;
  onRemove: () => void;
}) {
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <RowInput
          label={`Range ${number} start`}
          value={range.start}
          onChange={(event) => onChange({ start: event.target.value })}
          error={errors?.start}
          placeholder="09:00"
          inputMode="numeric"
          className="w-20"
        />
        <span aria-hidden="true" className="text-slate-400">
          –
        </span>
        <RowInput
          label={`Range ${number} end`}
          value={range.end}
          onChange={(event) => onChange({ end: event.target.value })}
          error={errors?.end}
          placeholder="17:00"
          inputMode="numeric"
          className="w-20"
        />
        <Button type="button" variant="ghost" className="px-2 py-1 text-xs" onClick={onRemove}>
          Remove<span className="sr-only"> range {number}</span>
        </Button>
      </div>
      <RowErrors messages={[errors?.start, errors?.end]} />
    </div>
  );
}

/**
 * Settings ▸ Business hours ▸ a calendar: Name, Time zone, the week (per weekday Open and its
 * ranges, local wall times "HH:MM" in the calendar's zone, "24:00" for midnight at the end of the
 * day), Holidays (date, name, Every year). Save keeps everything typed and shows each refusal at
 * its row. `recompute` is the progress of a recompute already running when the page was rendered.
 */
export function CalendarEditor({
  source,
  recompute,
  readOnly,
}: {
  source: CalendarDraftSource;
  recompute: { done: number; total: number } | null;
  readOnly: boolean;
}) {
  const editor = useCalendarEditor(source);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    editor.save();
  }
  return (
    <form onSubmit={submit} aria-label="Calendar" className="space-y-6" noValidate>
      {source.id && (recompute || editor.recomputing) ? (
        <RecomputeProgress calendarId={source.id} initial={recompute} />
      ) : null}
      <fieldset disabled={readOnly} className="space-y-6">
        <section className="grid gap-4 rounded-xl border border-slate-200 bg-white p-5 sm:grid-cols-2">
          <TextField
            label="Name"
            name="name"
            value={editor.name}
            onChange={(event) => editor.setName(event.target.value)}
            error={editor.errors.fields.name}
            autoComplete="off"
          />
          <TimeZoneField
            label="Time zone"
            name="timeZone"
            defaultValue={source.timeZone}
            onChange={editor.setTimeZone}
            error={editor.errors.fields.timeZone}
          />
        </section>

        <section aria-labelledby="opening-hours" className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="opening-hours" className="text-base font-semibold">
            Opening hours
          </h2>
          <p className="mt-1 text-sm text-slate-500">
            SLA clocks run only in these hours, local to the calendar&apos;s time zone. A day may have several ranges,
            e.g. 08:00–12:00 and 13:00–17:30; use 24:00 for midnight at the end of the day.
          </p>
          {editor.errors.fields.weeklyHours ? (
            <p className="mt-2 text-sm text-red-600" role="alert">
              {editor.errors.fields.weeklyHours}
            </p>
          ) : null}
          <div className="mt-4 divide-y divide-slate-100">
            {WEEKDAY_LONG.map((dayName, index) => {
              const day = index + 1;
              const ranges = editor.ranges.filter((range) => range.day === day);
              const isOpen = editor.open[index] ?? false;
              return (
                <div key={dayName} role="group" aria-label={dayName} className="flex flex-wrap items-start gap-4 py-3">
                  <div className="w-28 pt-1.5 text-sm font-medium text-slate-700">{dayName}</div>
                  <label className="flex items-center gap-2 pt-1.5 text-sm">
                    <input
                      type="checkbox"
                      checked={isOpen}
                      onChange={(event) => editor.setDayOpen(day, event.target.checked)}
                    />
                    Open
                  </label>
                  {isOpen ? (
                    <div className="flex flex-1 flex-col gap-2">
                      {ranges.map((range, number) => (
                        <RangeRow
                          key={range.key}
                          range={range}
                          number={number + 1}
                          errors={editor.errors.ranges[range.key]}
                          onChange={(change) => editor.updateRange(range.key, change)}
                          onRemove={() => editor.removeRange(range.key)}
                        />
                      ))}
                      <div>
                        <Button
                          type="button"
                          variant="secondary"
                          className="px-2.5 py-1 text-xs"
                          onClick={() => editor.addRange(day)}
                        >
                          Add range
                        </Button>
                      </div>
                    </div>
                  ) : (
                    <span className="pt-1.5 text-sm text-slate-400">Closed</span>
                  )}
                </div>
              );
            })}
          </div>
        </section>

        <section aria-labelledby="holidays" className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="holidays" className="text-base font-semibold">
            Holidays
          </h2>
          <p className="mt-1 text-sm text-slate-500">Closed all day, whatever the opening hours say.</p>
          <div className="mt-4 space-y-3">
            {editor.holidays.length === 0 ? (
              <p className="text-sm text-slate-400">No holidays yet.</p>
            ) : (
              editor.holidays.map((holiday, index) => {
                const errors = editor.errors.holidays[holiday.key];
                return (
                  <div key={holiday.key} role="group" aria-label={`Holiday ${index + 1}`} className="space-y-1">
                    <div className="flex flex-wrap items-center gap-3">
                      <RowInput
                        label="Date"
                        type="date"
                        value={holiday.date}
                        onChange={(event) => editor.updateHoliday(holiday.key, { date: event.target.value })}
                        error={errors?.date}
                      />
                      <RowInput
                        label="Holiday name"
                        value={holiday.name}
                        placeholder="Name, e.g. Christmas Day"
                        onChange={(event) => editor.updateHoliday(holiday.key, { name: event.target.value })}
                        error={errors?.name}
                        className="min-w-0 flex-1"
                      />
                      <label className="flex items-center gap-2 text-sm">
                        <input
                          type="checkbox"
                          checked={holiday.yearly}
                          onChange={(event) => editor.updateHoliday(holiday.key, { yearly: event.target.checked })}
                        />
                        Every year
                      </label>
                      <Button
                        type="button"
                        variant="ghost"
                        className="px-2 py-1 text-xs"
                        onClick={() => editor.removeHoliday(holiday.key)}
                      >
                        Remove<span className="sr-only"> holiday {index + 1}</span>
                      </Button>
                    </div>
                    <RowErrors messages={[errors?.date, errors?.name]} />
                  </div>
                );
              })
            )}
          </div>
          <Button type="button" variant="secondary" className="mt-4 px-2.5 py-1 text-xs" onClick={editor.addHoliday}>
            Add holiday
          </Button>
        </section>
      </fieldset>
      <EditorFooter
        readOnly={readOnly}
        saving={editor.saving}
        readOnlyText="Only an admin can change business hours."
      />
    </form>
  );
}
