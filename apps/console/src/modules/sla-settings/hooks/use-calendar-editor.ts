"use client";
import type { Holiday, WeeklyRange } from "@helpline/core";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useToast } from "@/components/ui/toaster";
import { createCalendarAction, updateCalendarAction } from "../actions";

export type RangeDraft = { key: number; day: number; start: string; end: string };
export type HolidayDraft = { key: number; date: string; name: string; yearly: boolean };

/** What the editor starts from: a stored calendar, or (new) a name-less one in the MSP's zone. */
export type CalendarDraftSource = {
  id: string | null;
  name: string;
  timeZone: string;
  weeklyHours: WeeklyRange[];
  holidays: Holiday[];
};

/** Field errors of the form: by field (`name`, `timeZone`, `weeklyHours`) and by range or holiday key. */
type Errors = {
  fields: Record<string, string>;
  ranges: Record<number, { start?: string; end?: string }>;
  holidays: Record<number, { date?: string; name?: string }>;
};
const NO_ERRORS: Errors = { fields: {}, ranges: {}, holidays: {} };

/**
 * The state of the calendar editor. Every range and holiday the admin typed stays in the state
 * whatever the server answers; a closed day keeps its ranges (unticking Open hides them and leaves
 * them out of the save, ticking it again brings them back). The server's field errors name rows by
 * their index in what was sent (`weeklyHours.3.end`), which `save` maps back to the rows' keys.
 * After a save that changed the hours of a calendar with tickets on it, `recomputing` turns on so
 * the page shows the progress of their recompute.
 */
export function useCalendarEditor(source: CalendarDraftSource) {
  const nextKey = useRef(0);
  const key = () => nextKey.current++;
  const [name, setName] = useState(source.name);
  const [timeZone, setTimeZone] = useState(source.timeZone);
  const [ranges, setRanges] = useState<RangeDraft[]>(() =>
    source.weeklyHours.map((range) => ({ ...range, key: key() })),
  );
  const [open, setOpen] = useState<boolean[]>(() =>
    [1, 2, 3, 4, 5, 6, 7].map((day) => source.weeklyHours.some((range) => range.day === day)),
  );
  const [holidays, setHolidays] = useState<HolidayDraft[]>(() =>
    source.holidays.map((holiday) => ({ ...holiday, key: key() })),
  );
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const [recomputing, setRecomputing] = useState(false);
  const toast = useToast();
  const router = useRouter();

  function sentRanges() {
    return ranges.filter((range) => open[range.day - 1]);
  }

  const mutation = useMutation({
    mutationFn: async () => {
      const sent = sentRanges();
      const calendar = {
        name,
        timeZone,
        weeklyHours: sent.map(({ day, start, end }) => ({ day, start, end })),
        holidays: holidays.map(({ date, name: holidayName, yearly }) => ({ date, name: holidayName, yearly })),
      };
      const result = source.id
        ? await updateCalendarAction({ ...calendar, calendarId: source.id })
        : // A new calendar has no tickets to recompute.
          await createCalendarAction(calendar).then((created) =>
            created.ok ? { ...created, data: { ...created.data, recomputeTotal: 0 } } : created,
          );
      return { result, sent };
    },
    onSuccess: ({ result, sent }) => {
      if (!result.ok) {
        setErrors(mapErrors(result.error.fields ?? {}, sent, holidays));
        toast("error", result.error.message);
        return;
      }
      setErrors(NO_ERRORS);
      if (!source.id) {
        toast("success", `${result.data.name} is saved. Choose it in a policy on Settings ▸ SLAs.`);
        router.push(`/settings/business-hours/${result.data.id}`);
        return;
      }
      const queued = result.data.recomputeTotal;
      toast(
        "success",
        queued > 0
          ? `${result.data.name} is saved. ${queued.toLocaleString("en")} ${queued === 1 ? "ticket gets" : "tickets get"} new due times.`
          : `${result.data.name} is saved.`,
      );
      if (queued > 0) setRecomputing(true);
      router.refresh();
    },
    onError: () => toast("error", "Could not save the calendar. Try again."),
  });

  return {
    name,
    setName,
    timeZone,
    setTimeZone,
    ranges,
    open,
    holidays,
    errors,
    recomputing,
    save: () => mutation.mutate(),
    saving: mutation.isPending,
    setDayOpen(day: number, isOpen: boolean) {
      setOpen((current) => current.map((value, index) => (index === day - 1 ? isOpen : value)));
      if (isOpen && !ranges.some((range) => range.day === day))
        setRanges((current) => [...current, { key: key(), day, start: "09:00", end: "17:00" }]);
    },
    addRange(day: number) {
      // A further range of the day starts where the last one ends; its end is for the admin to type.
      const last = ranges.filter((range) => range.day === day).at(-1);
      const range = last ? { start: last.end, end: "" } : { start: "09:00", end: "17:00" };
      setRanges((current) => [...current, { key: key(), day, ...range }]);
    },
    updateRange(rangeKey: number, change: Partial<Pick<RangeDraft, "start" | "end">>) {
      setRanges((current) => current.map((range) => (range.key === rangeKey ? { ...range, ...change } : range)));
    },
    removeRange(rangeKey: number) {
      setRanges((current) => current.filter((range) => range.key !== rangeKey));
    },
    addHoliday() {
      setHolidays((current) => [...current, { key: key(), date: "", name: "", yearly: false }]);
    },
    updateHoliday(holidayKey: number, change: Partial<Omit<HolidayDraft, "key">>) {
      setHolidays((current) =>
        current.map((holiday) => (holiday.key === holidayKey ? { ...holiday, ...change } : holiday)),
      );
    },
    removeHoliday(holidayKey: number) {
      setHolidays((current) => current.filter((holiday) => holiday.key !== holidayKey));
    },
  };
}

/** Server field paths → the rows they name: `weeklyHours.<i>.<field>` is the i-th range sent. */
function mapErrors(fields: Record<string, string>, sent: RangeDraft[], holidays: HolidayDraft[]): Errors {
  const errors: Errors = { fields: {}, ranges: {}, holidays: {} };
  for (const [path, message] of Object.entries(fields)) {
    const [list, index, field] = path.split(".");
    const row = index === undefined ? undefined : Number(index);
    if (list === "weeklyHours" && row !== undefined && sent[row]) {
      const target = (errors.ranges[sent[row].key] ??= {});
      if (field === "start" || field === "end") target[field] = message;
      else target.start ??= message;
    } else if (list === "holidays" && row !== undefined && holidays[row]) {
      const target = (errors.holidays[holidays[row].key] ??= {});
      if (field === "name") target.name = message;
      else target.date ??= message;
    } else errors.fields[list ?? path] ??= message;
  }
  return errors;
}
