"use client";
import type { TSlaFilter } from "@helpline/core";
import type { TTicketPriority } from "@helpline/protocol";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { STATUS_ORDER, type TicketFilterValues } from "../hooks/use-ticket-filters";
import { DUE_STATE_LABEL } from "../sla-state";
import { PRIORITY_LABEL, STATUS_LABEL } from "../ticket-labels";
import { UNASSIGNED_CUSTOMER_FILTER, UNASSIGNED_CUSTOMERS } from "../unassigned-customers";

type Option = { id: string; name: string };

const SELECT = "rounded-md border border-slate-300 bg-white px-2.5 py-2 text-sm";
const PRIORITIES = Object.keys(PRIORITY_LABEL) as TTicketPriority[];
// The SLA select's choices, worst first (values as the list's `sla` URL filter takes them).
const SLA_CHOICES: TSlaFilter[] = ["breached", "due_soon", "on_track"];

/**
 * The Tickets list's search box, filter selects and Clear filters (shown when `filtered`), showing
 * `values`; each change goes to `onChange` ("" means no filter).
 */
export function TicketFilters({
  values,
  filtered,
  customers,
  technicians,
  onChange,
}: {
  values: TicketFilterValues;
  filtered: boolean;
  customers: Option[];
  technicians: Option[];
  onChange: (changes: TicketFilterValues) => void;
}) {
  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange({ search: String(new FormData(event.currentTarget).get("search") ?? "").trim() });
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form role="search" onSubmit={search} className="flex gap-2">
        <input
          key={values.search}
          name="search"
          type="search"
          aria-label="Search"
          placeholder="Number or title"
          defaultValue={values.search}
          className={`${SELECT} w-44`}
        />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      <select
        aria-label="Status"
        className={SELECT}
        value={values.status}
        onChange={(event) => onChange({ status: event.target.value })}
      >
        <option value="">Unresolved</option>
        {STATUS_ORDER.map((status) => (
          <option key={status} value={status}>
            {STATUS_LABEL[status]}
          </option>
        ))}
        <option value="all">All statuses</option>
      </select>
      <select
        aria-label="Customer"
        className={`${SELECT} max-w-40`}
        value={values.customerId ?? ""}
        onChange={(event) => onChange({ customerId: event.target.value })}
      >
        <option value="">All customers</option>
        <option value={UNASSIGNED_CUSTOMER_FILTER}>{UNASSIGNED_CUSTOMERS}</option>
        {customers.map((customer) => (
          <option key={customer.id} value={customer.id}>
            {customer.name}
          </option>
        ))}
      </select>
      <select
        aria-label="Priority"
        className={SELECT}
        value={values.priority ?? ""}
        onChange={(event) => onChange({ priority: event.target.value })}
      >
        <option value="">Any priority</option>
        {PRIORITIES.map((priority) => (
          <option key={priority} value={priority}>
            {PRIORITY_LABEL[priority]}
          </option>
        ))}
      </select>
      <select
        aria-label="Assignee"
        className={`${SELECT} max-w-40`}
        value={values.assignee ?? ""}
        onChange={(event) => onChange({ assignee: event.target.value })}
      >
        <option value="">Anyone</option>
        <option value="me">Me</option>
        <option value="unassigned">Unassigned</option>
        {technicians.map((technician) => (
          <option key={technician.id} value={technician.id}>
            {technician.name}
          </option>
        ))}
      </select>
      <select
        aria-label="SLA"
        className={SELECT}
        value={values.sla ?? ""}
        onChange={(event) => onChange({ sla: event.target.value })}
      >
        <option value="">Any SLA state</option>
        {SLA_CHOICES.map((sla) => (
          <option key={sla} value={sla}>
            {DUE_STATE_LABEL[sla]}
          </option>
        ))}
      </select>
      <select
        aria-label="Sort"
        className={SELECT}
        value={values.sort ?? "updated"}
        onChange={(event) => onChange({ sort: event.target.value })}
      >
        <option value="updated">Latest activity first</option>
        <option value="due">Due time, soonest first</option>
      </select>
      {filtered ? (
        <Button
          variant="ghost"
          onClick={() => onChange({ status: "", customerId: "", priority: "", assignee: "", search: "", sla: "" })}
        >
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
