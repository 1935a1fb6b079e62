"use client";
import type { TListDevicesInput } from "@helpline/core";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";

// Values as the URL carries them; the page parses them with the list's zod schema.
export type DeviceFilterChanges = Partial<
  Record<"search" | "customerId" | "os" | "status" | "helpdesk", string | undefined>
>;

const SELECT = "rounded-md border border-slate-300 bg-white px-2.5 py-2 text-sm";

/**
 * The Devices list's search box and filter selects, showing `query`; each change goes to
 * `onChange` ("" from a select means no filter). The Customer select shows only when `customers`
 * is given (not on a customer's own page).
 */
export function DeviceFilters({
  query,
  customers,
  onChange,
}: {
  query: TListDevicesInput;
  customers?: { id: string; name: string }[];
  onChange: (changes: DeviceFilterChanges) => void;
}) {
  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange({ search: String(new FormData(event.currentTarget).get("search") ?? "") });
  }
  return (
    <>
      <form role="search" onSubmit={search} className="flex gap-2">
        <input
          name="search"
          type="search"
          aria-label="Search devices"
          placeholder="Hostname, user or IP"
          defaultValue={query.search}
          className={`${SELECT} w-64`}
        />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {customers ? (
        <select
          aria-label="Customer"
          className={`${SELECT} max-w-64`}
          title={customers.find((customer) => customer.id === query.customerId)?.name}
          value={query.customerId ?? ""}
          onChange={(event) => onChange({ customerId: event.target.value || undefined })}
        >
          <option value="">All customers</option>
          {customers.map((customer) => (
            <option key={customer.id} value={customer.id}>
              {customer.name}
            </option>
          ))}
        </select>
      ) : null}
      <FilterSelect
        label="OS"
        value={query.os}
        onChange={(os) => onChange({ os })}
        options={[
          ["", "All OS"],
          ["windows", "Windows"],
          ["macos", "macOS"],
          ["linux", "Linux"],
        ]}
      />
      <FilterSelect
        label="Status"
        value={query.status}
        onChange={(status) => onChange({ status })}
        options={[
          ["", "Any status"],
          ["online", "Online"],
          ["offline", "Offline"],
        ]}
      />
      <FilterSelect
        label="Helpdesk"
        value={query.helpdesk}
        onChange={(helpdesk) => onChange({ helpdesk })}
        options={[
          ["", "Any helpdesk state"],
          ["not_active", "Not active"],
          ["awaiting_identity", "Active — awaiting identity"],
          ["confirmed", "Active — confirmed"],
        ]}
      />
    </>
  );
}

/** One filter select: `options` are [value, label] pairs; the "" option (no filter) reaches `onChange` as undefined. */
function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: [value: string, label: string][];
  onChange: (value: string | undefined) => void;
}) {
  return (
    <select
      aria-label={label}
      className={SELECT}
      value={value ?? ""}
      onChange={(event) => onChange(event.target.value || undefined)}
    >
      {options.map(([optionValue, optionLabel]) => (
        <option key={optionValue} value={optionValue}>
          {optionLabel}
        </option>
      ))}
    </select>
  );
}
