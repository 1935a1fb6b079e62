"use client";
import type { TListTicketsInput } from "@helpline/core";
import { useTicketFilters } from "../hooks/use-ticket-filters";
import { useTicketsPage, type TicketsPage } from "../hooks/use-tickets-page";
import { TicketFilters } from "./ticket-filters";
import { TicketsTable } from "./tickets-table";

type Option = { id: string; name: string };

/**
 * The desk's ticket list: filters live in the URL (a view can be shared or reloaded), pages go by
 * cursor, and the rows refresh every 15 s so a new ticket shows up without a reload.
 */
export function TicketsList({
  query,
  initial,
  customers,
  technicians,
}: {
  query: TListTicketsInput;
  initial: TicketsPage;
  customers: Option[];
  technicians: Option[];
}) {
  const { data, isFetching } = useTicketsPage(query, initial);
  const filters = useTicketFilters(query);
  return (
    <div className="space-y-4">
      <TicketFilters
        values={filters.values}
        filtered={filters.filtered}
        customers={customers}
        technicians={technicians}
        onChange={filters.navigate}
      />

      {data.tickets.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
          <h2 className="font-medium text-slate-900">
            {filters.filtered || query.cursor ? "No tickets match these filters" : "No unresolved tickets"}
          </h2>
          <p className="mt-1 text-sm text-slate-500">
            {filters.filtered || query.cursor
              ? "Clear a filter or search for something else."
              : "Nothing is waiting on the desk. Tickets that users open with Ctrl+F12 or from the Customer Portal land here."}
          </p>
        </div>
      ) : (
        <TicketsTable
          data={data}
          sort={query.sort}
          navigating={filters.navigating}
          fetching={isFetching}
          onPage={(cursor) => filters.navigate({ cursor })}
        />
      )}
    </div>
  );
}
