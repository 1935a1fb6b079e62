import { DomainError, INVALID_PORTAL_CURSOR, listPortalTickets, ZListPortalTicketsInput } from "@helpline/core";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { TicketsIcon } from "@/components/ui/icons";
import { formatRelative } from "@/lib/format";
import { StatusBadge } from "@/modules/tickets/components/ticket-badges";
import { replyExpectation } from "@/modules/portal/reply-expectation";
import { requirePortalContact } from "@/modules/portal/session";

export const metadata: Metadata = { title: "My tickets" };

const CONTROL =
  "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none";

export default async function PortalTicketsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const contact = await requirePortalContact("/portal");
  const params = await searchParams;
  const parsed = ZListPortalTicketsInput.safeParse(params);
  // Only the cursor can fail to parse: the filters fall back to their defaults.
  const input = parsed.success ? parsed.data : ZListPortalTicketsInput.parse({ ...params, cursor: undefined });
  const listed = parsed.success ? await listPortalTickets({ contact, input }).catch(refusedCursor) : null;
  const filtered = input.status !== "all" || input.search !== "";
  const pageHref = (cursor?: string) =>
    `/portal?${new URLSearchParams({ status: input.status, search: input.search, view: input.view, ...(cursor ? { cursor } : {}) })}`;
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
            {input.view === "customer" && contact.isMainContact ? `All ${contact.customerName} tickets` : "My tickets"}
          </h1>
          <p className="text-sm text-slate-500">Latest activity first.</p>
        </div>
        <Link
          href="/portal/tickets/new"
          className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500"
        >
          New ticket
        </Link>
      </div>
      <form aria-label="Filter tickets" className="mb-4 flex flex-wrap items-end gap-2">
        {contact.isMainContact ? (
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">Show</span>
            <select name="view" defaultValue={input.view} className={CONTROL}>
              <option value="mine">My tickets</option>
              <option value="customer">All {contact.customerName} tickets</option>
            </select>
          </label>
        ) : null}
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Status</span>
          <select name="status" defaultValue={input.status} className={CONTROL}>
            <option value="all">All</option>
            <option value="open">Open</option>
            <option value="pending">Pending</option>
            <option value="resolved">Resolved</option>
            <option value="closed">Closed</option>
          </select>
        </label>
        <label className="min-w-48 flex-1 text-sm">
          <span className="mb-1 block font-medium text-slate-700">Search</span>
          <input
            name="search"
            type="search"
            defaultValue={input.search}
            placeholder="Title or #number"
            className={`${CONTROL} w-full`}
          />
        </label>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Apply
        </button>
      </form>
      {listed === null ? (
        <div role="alert" className="rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {INVALID_PORTAL_CURSOR}{" "}
          <Link href={pageHref()} className="font-medium text-indigo-700 underline">
            First page
          </Link>
        </div>
      ) : listed.tickets.length === 0 ? (
        <EmptyState title={filtered ? "No ticket matches" : "No tickets yet"} icon={<TicketsIcon />}>
          {filtered
            ? "Try another status or search."
            : "When something does not work, open a ticket: press Ctrl+F12 on your computer, or use New ticket here."}
        </EmptyState>
      ) : (
        <ul
          aria-label="Tickets"
          className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white"
        >
          {listed.tickets.map((ticket) => {
            const expectation = replyExpectation(ticket);
            return (
              <li key={ticket.id}>
                <Link
                  href={`/portal/tickets/${ticket.number}`}
                  className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 hover:bg-slate-50"
                >
                  <span className="font-mono text-sm text-slate-500">#{ticket.number}</span>
                  <span className="min-w-0 flex-1 font-medium break-words text-slate-900">{ticket.title}</span>
                  <StatusBadge status={ticket.status} />
                  <span className="w-full text-xs text-slate-500 sm:w-auto">
                    {input.view === "customer" && ticket.contact ? (
                      <>
                        {ticket.contact.fullName}
                        <span aria-hidden="true"> · </span>
                      </>
                    ) : (
                      ""
                    )}
                    updated {formatRelative(ticket.updatedAt)}
                  </span>
                  {expectation ? (
                    <span
                      className={`w-full text-xs font-medium ${ticket.status === "pending" ? "text-amber-800" : "text-indigo-800"}`}
                    >
                      {expectation}
                    </span>
                  ) : null}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {listed?.previousCursor || listed?.nextCursor ? (
        <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
          {listed.previousCursor ? (
            <Link href={pageHref(listed.previousCursor)} className="font-medium text-indigo-700">
              Previous
            </Link>
          ) : (
            <span />
          )}
          {listed.nextCursor ? (
            <Link href={pageHref(listed.nextCursor)} className="font-medium text-indigo-700">
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

// An edited or foreign page link is answered with a message and a way back, not an error page.
function refusedCursor(error: unknown): null {
  if (error instanceof DomainError && error.code === "invalid_cursor") return null;
  throw error;
}
