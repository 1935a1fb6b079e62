"use client";
import type { TListTicketsInput } from "@helpline/core";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/zoned-time";
import type { TicketsPage } from "../hooks/use-tickets-page";
import { DueBadge } from "./due-badge";
import { PriorityText, StatusBadge } from "./ticket-badges";
import { TicketCustomerLink } from "./ticket-customer-link";

// Long names (customers, hostnames) keep to one line and show in full on hover.
const CLIP = "block max-w-28 truncate";

type Props = {
  data: TicketsPage;
  /** The order the page is in, for the footer. */
  sort: TListTicketsInput["sort"];
  /** True while a new view is on its way (dims the rows) or a refresh is under way (says "Updating…"). */
  navigating: boolean;
  fetching: boolean;
  /** Called with the signed cursor that Previous or Next goes to. */
  onPage: (cursor: string) => void;
};

/** One page of tickets (never empty: the list shows its empty state instead), in the list's order, with cursor paging. */
export function TicketsTable({ data, sort, navigating, fetching, onPage }: Props) {
  return (
    <div
      className={`overflow-x-auto rounded-xl border border-slate-200 bg-white transition-opacity ${navigating ? "opacity-60" : ""}`}
      aria-busy={navigating}
    >
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
          <tr>
            {["#", "Title", "Customer", "Contact", "Device", "Status", "Priority", "Due", "Assignee", "Updated"].map(
              (column) => (
                <th key={column} scope="col" className="px-2 py-3 font-medium whitespace-nowrap first:pl-4 last:pr-4">
                  {column}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.tickets.map((ticket) => (
            <tr key={ticket.id} className="hover:bg-slate-50">
              <td className="py-3 pr-2 pl-4 whitespace-nowrap text-slate-500 tabular-nums">#{ticket.number}</td>
              <td className="min-w-44 px-2 py-3 font-medium">
                <Link
                  href={`/tickets/${ticket.number}`}
                  className="line-clamp-2 wrap-anywhere text-indigo-700 hover:underline"
                  title={ticket.title}
                >
                  {ticket.title}
                </Link>
              </td>
              <td className="px-2 py-3">
                <TicketCustomerLink customer={ticket.customer} className={`${CLIP} hover:underline`} />
              </td>
              <td className="px-2 py-3">
                {ticket.contact ? (
                  <span className={CLIP} title={ticket.contact.email}>
                    {ticket.contact.fullName}
                  </span>
                ) : ticket.requesterEmail ? (
                  // An unknown sender's mail: who wrote in, until the ticket is filed under a customer.
                  <span className={`${CLIP} text-slate-600`} title={ticket.requesterEmail}>
                    {ticket.requesterName ?? ticket.requesterEmail}
                  </span>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <td className="px-2 py-3">
                {ticket.device ? (
                  <Link
                    href={`/devices/${ticket.device.id}`}
                    className={`${CLIP} hover:underline`}
                    title={ticket.device.hostname}
                  >
                    {ticket.device.hostname}
                  </Link>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <td className="px-2 py-3">
                <StatusBadge status={ticket.status} />
              </td>
              <td className="px-2 py-3">
                <PriorityText priority={ticket.priority} />
              </td>
              <td className="px-2 py-3 whitespace-nowrap">
                <DueBadge ticket={ticket} />
              </td>
              <td className="px-2 py-3">
                {ticket.assignee ? (
                  <span className={CLIP} title={ticket.assignee.name}>
                    {ticket.assignee.name}
                  </span>
                ) : (
                  <span className="text-slate-400">Unassigned</span>
                )}
              </td>
              <td className="py-3 pr-4 pl-2 whitespace-nowrap text-slate-600">
                <RelativeTime at={ticket.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex items-center justify-between border-t border-slate-100 px-4 py-3 text-sm text-slate-500">
        <span>
          {data.tickets.length} ticket{data.tickets.length === 1 ? "" : "s"} on this page,{" "}
          {sort === "due" ? "soonest due first" : "latest activity first"}
          <span className="ml-3 text-xs text-slate-400" aria-live="polite">
            {fetching || navigating ? "Updating…" : "Live"}
          </span>
        </span>
        <div className="flex gap-2">
          <Button
            variant="secondary"
            disabled={!data.previousCursor}
            onClick={() => data.previousCursor && onPage(data.previousCursor)}
          >
            Previous
          </Button>
          <Button
            variant="secondary"
            disabled={!data.nextCursor}
            onClick={() => data.nextCursor && onPage(data.nextCursor)}
          >
            Next
          </Button>
        </div>
      </div>
    </div>
  );
}
