"use client";
import { isTimeZone, zoneAbbreviation } from "@helpline/core/time";
import { useId, useState, useSyncExternalStore } from "react";
import { zoneOffset } from "../summaries";

type ZoneOption = { zone: string; offset: string };
const NO_ZONES: ZoneOption[] = [];
let zoneOptions: ZoneOption[] | null = null;

// The suggestions are the browser's zones, listed after hydration (the server renders none): the
// server's and the browser's tz databases need not name the same zones. Offsets as of page load.
function browserZones(): ZoneOption[] {
  const at = new Date();
  zoneOptions ??= Intl.supportedValuesOf("timeZone").map((zone) => ({ zone, offset: zoneOffset(zone, at) }));
  return zoneOptions;
}
const noZones = () => NO_ZONES;
const noSubscription = () => () => {};

/**
 * A searchable choice of IANA time zone: a text box with the runtime's zones as suggestions
 * (`Intl.supportedValuesOf("timeZone")`, each with its current offset), typing filters them. Below
 * it, the chosen zone's current offset and abbreviation, or nothing while the text is not a zone
 * (the server refuses it with a field error). Submitted as `name`.
 */
export function TimeZoneField({
  label,
  name,
  defaultValue,
  error,
  onChange,
}: {
  label: string;
  name: string;
  defaultValue: string;
  error?: string | undefined;
  onChange?: (zone: string) => void;
}) {
  const id = useId();
  const [value, setValue] = useState(defaultValue);
  const zones = useSyncExternalStore(noSubscription, browserZones, noZones);
  const known = isTimeZone(value.trim());
  const now = new Date();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        name={name}
        list={`${id}-zones`}
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          onChange?.(event.target.value);
        }}
        autoComplete="off"
        spellCheck={false}
        placeholder="Start typing a city, e.g. Paris"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none aria-invalid:border-red-400"
      />
      <datalist id={`${id}-zones`}>
        {zones.map(({ zone, offset }) => (
          <option key={zone} value={zone} label={offset} />
        ))}
      </datalist>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {known
          ? `Now ${zoneOffset(value.trim(), now)} (${zoneAbbreviation(now, value.trim())}).`
          : "An IANA zone such as Europe/Paris: it follows daylight saving by itself."}
      </p>
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
