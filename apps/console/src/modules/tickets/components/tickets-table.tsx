"use client";
import type { TListTicketsInput } from "@helpline/core";
import type { TTicketPriority, TTicketStatus } from "@helpline/protocol";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { formatDateTime, formatRelative } from "@/lib/format";
import { listTicketsAction } from "../actions";
import { PRIORITY_LABEL, STATUS_LABEL } from "../ticket-labels";
import { PriorityText, StatusBadge } from "./ticket-badges";

type TicketRow = {
  id: string;
  number: number;
  title: string;
  status: TTicketStatus;
  priority: TTicketPriority;
  updatedAt: Date;
  customer: { id: string; name: string };
  contact: { fullName: string; email: string } | null;
  device: { id: string; hostname: string } | null;
  assignee: { id: string; name: string } | null;
};
export type TicketsPage = { tickets: TicketRow[]; pageSize: number; nextCursor: string | null; previousCursor: string | null };
type Option = { id: string; name: string };

const REFRESH_MS = 15_000;
const SELECT = "rounded-md border border-slate-300 bg-white px-2.5 py-2 text-sm";
// Long names (customers, hostnames) keep to one line and show in full on hover.
const CLIP = "block max-w-28 truncate";
const STATUSES = Object.keys(STATUS_LABEL) as TTicketStatus[];
const PRIORITIES = Object.keys(PRIORITY_LABEL) as TTicketPriority[];

// The Status select's value for the statuses asked for: "" is the default view (Unresolved).
function statusValue(status: TTicketStatus[]): string {
  const key = [...status].sort((a, b) => STATUSES.indexOf(a) - STATUSES.indexOf(b)).join(",");
  return key === "open,pending" ? "" : key === STATUSES.join(",") ? "all" : key;
}

type Changes = { status?: string; customerId?: string; priority?: string; assignee?: string; search?: string; cursor?: string };

/**
 * The desk's ticket list: filters live in the URL (a view can be shared or reloaded), pages go by
 * cursor, and the rows refresh every 15 s so a new ticket shows up without a reload.
 */
export function TicketsTable({ query, initial, customers, technicians }: { query: TListTicketsInput; initial: TicketsPage; customers: Option[]; technicians: Option[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [navigating, startNavigation] = useTransition();
  const current = useMemo<Changes>(
    () => ({ status: statusValue(query.status), customerId: query.customerId, priority: query.priority, assignee: query.assignee, search: query.search, cursor: query.cursor }),
    [query],
  );
  // Filters change faster than navigations finish: build each URL from the latest one asked for.
  const latest = useRef(current);
  useEffect(() => {
    latest.current = current;
  }, [current]);
  const { data, isFetching } = useQuery({
    queryKey: ["tickets", query],
    queryFn: async () => {
      const result = await listTicketsAction(query);
      if (!result.ok) throw new Error(result.error.message);
      return result.data as TicketsPage;
    },
    initialData: initial,
    refetchInterval: REFRESH_MS,
  });

  function navigate(changes: Changes) {
    const next: Changes = { ...latest.current, cursor: undefined, ...changes };
    latest.current = next;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) params.set(key, value);
    startNavigation(() => router.replace(`${pathname}${params.size ? `?${params}` : ""}`, { scroll: false }));
  }

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    navigate({ search: String(new FormData(event.currentTarget).get("search") ?? "").trim() });
  }

  const filtered = Boolean(current.status || query.customerId || query.priority || query.assignee || query.search);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <form role="search" onSubmit={search} className="flex gap-2">
          <input key={query.search} name="search" type="search" aria-label="Search" placeholder="Number or title" defaultValue={query.search} className={`${SELECT} w-44`} />
          <Button type="submit" variant="secondary">Search</Button>
        </form>
        <select aria-label="Status" className={SELECT} value={current.status} onChange={(event) => navigate({ status: event.target.value })}>
          <option value="">Unresolved</option>
          {STATUSES.map((status) => <option key={status} value={status}>{STATUS_LABEL[status]}</option>)}
          <option value="all">All statuses</option>
        </select>
        <select aria-label="Customer" className={`${SELECT} max-w-40`} value={query.customerId ?? ""} onChange={(event) => navigate({ customerId: event.target.value })}>
          <option value="">All customers</option>
          {customers.map((customer) => <option key={customer.id} value={customer.id}>{customer.name}</option>)}
        </select>
        <select aria-label="Priority" className={SELECT} value={query.priority ?? ""} onChange={(event) => navigate({ priority: event.target.value })}>
          <option value="">Any priority</option>
          {PRIORITIES.map((priority) => <option key={priority} value={priority}>{PRIORITY_LABEL[priority]}</option>)}
        </select>
        <select aria-label="Assignee" className={`${SELECT} max-w-40`} value={query.assignee ?? ""} onChange={(event) => navigate({ assignee: event.target.value })}>
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="unassigned">Unassigned</option>
          {technicians.map((technician) => <option key={technician.id} value={technician.id}>{technician.name}</option>)}
        </select>
        {filtered ? <Button variant="ghost" onClick={() => navigate({ status: "", customerId: "", priority: "", assignee: "", search: "" })}>Clear filters</Button> : null}
      </div>

      {data.tickets.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
          <h2 className="font-medium text-slate-900">{filtered || query.cursor ? "No tickets match these filters" : "No unresolved tickets"}</h2>
          <p className="mt-1 text-sm text-slate-500">
            {filtered || query.cursor
              ? "Clear a filter or search for something else."
              : "Nothing is waiting on the desk. Tickets that users open with Ctrl+F12 or from the Customer Portal land here."}
          </p>
        </div>
      ) : (
        <div className={`overflow-x-auto rounded-xl border border-slate-200 bg-white transition-opacity ${navigating ? "opacity-60" : ""}`} aria-busy={navigating}>
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                {["#", "Title", "Customer", "Contact", "Device", "Status", "Priority", "Assignee", "Updated"].map((column) => (
                  <th key={column} scope="col" className="px-2 py-3 font-medium whitespace-nowrap first:pl-4 last:pr-4">{column}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.tickets.map((ticket) => (
                <tr key={ticket.id} className="hover:bg-slate-50">
                  <td className="py-3 pr-2 pl-4 whitespace-nowrap text-slate-500 tabular-nums">#{ticket.number}</td>
                  <td className="min-w-44 px-2 py-3 font-medium">
                    <Link href={`/tickets/${ticket.number}`} className="line-clamp-2 wrap-anywhere text-indigo-700 hover:underline" title={ticket.title}>{ticket.title}</Link>
                  </td>
                  <td className="px-2 py-3"><Link href={`/customers/${ticket.customer.id}`} className={`${CLIP} hover:underline`} title={ticket.customer.name}>{ticket.customer.name}</Link></td>
                  <td className="px-2 py-3">{ticket.contact ? <span className={CLIP} title={ticket.contact.email}>{ticket.contact.fullName}</span> : <span className="text-slate-400">—</span>}</td>
                  <td className="px-2 py-3">{ticket.device ? <Link href={`/devices/${ticket.device.id}`} className={`${CLIP} hover:underline`} title={ticket.device.hostname}>{ticket.device.hostname}</Link> : <span className="text-slate-400">—</span>}</td>
                  <td className="px-2 py-3"><StatusBadge status={ticket.status} /></td>
                  <td className="px-2 py-3"><PriorityText priority={ticket.priority} /></td>
                  <td className="px-2 py-3">{ticket.assignee ? <span className={CLIP} title={ticket.assignee.name}>{ticket.assignee.name}</span> : <span className="text-slate-400">Unassigned</span>}</td>
                  <td className="py-3 pr-4 pl-2 whitespace-nowrap text-slate-600" title={formatDateTime(ticket.updatedAt)}>{formatRelative(ticket.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="flex items-center justify-between border-t border-slate-100 px-4 py-3 text-sm text-slate-500">
            <span>
              {data.tickets.length} ticket{data.tickets.length === 1 ? "" : "s"} on this page, latest activity first
              <span className="ml-3 text-xs text-slate-400" aria-live="polite">{isFetching || navigating ? "Updating…" : "Live"}</span>
            </span>
            <div className="flex gap-2">
              <Button variant="secondary" disabled={!data.previousCursor} onClick={() => navigate({ ...latest.current, cursor: data.previousCursor ?? undefined })}>Previous</Button>
              <Button variant="secondary" disabled={!data.nextCursor} onClick={() => navigate({ ...latest.current, cursor: data.nextCursor ?? undefined })}>Next</Button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
