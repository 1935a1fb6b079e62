"use client";
import type { TListTicketsInput } from "@helpline/core";
import type { TTicketStatus } from "@helpline/protocol";
import { useMemo } from "react";
import { useUrlFilters } from "@/lib/use-url-filters";
import { STATUS_LABEL } from "../ticket-labels";

/** The Tickets list's filters as the URL and the selects hold them ("" or absent = no filter). */
export type TicketFilterValues = {
  status?: string;
  customerId?: string;
  priority?: string;
  assignee?: string;
  search?: string;
  sla?: string;
  sort?: string;
  cursor?: string;
};

// The statuses in the order the Status select lists them.
export const STATUS_ORDER = Object.keys(STATUS_LABEL) as TTicketStatus[];

// The Status select's value for the statuses asked for: "" is the default view (Unresolved).
function statusValue(status: TTicketStatus[]): string {
  const key = [...status].sort((a, b) => STATUS_ORDER.indexOf(a) - STATUS_ORDER.indexOf(b)).join(",");
  return key === "open,pending" ? "" : key === STATUS_ORDER.join(",") ? "all" : key;
}

/**
 * The Tickets list's filters and sort, read from the parsed `query` and written back to the URL: `values`
 * for the selects, whether any filter is set (`filtered`), and `navigate(changes)`, which starts
 * again at the first page (no cursor) and sets `navigating` until the new view has rendered.
 */
export function useTicketFilters(query: TListTicketsInput) {
  const values = useMemo<TicketFilterValues>(
    () => ({
      status: statusValue(query.status),
      customerId: query.customerId,
      priority: query.priority,
      assignee: query.assignee,
      search: query.search,
      sla: query.sla,
      sort: query.sort,
      cursor: query.cursor,
    }),
    [query],
  );
  const { navigate, navigating } = useUrlFilters(values, {
    reset: { cursor: undefined },
    defaults: { sort: "updated" },
  });
  const filtered = Boolean(
    values.status || values.customerId || values.priority || values.assignee || values.search || values.sla,
  );
  return { values, filtered, navigate, navigating };
}
