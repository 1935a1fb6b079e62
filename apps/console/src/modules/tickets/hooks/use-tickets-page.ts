"use client";
import type { listTickets, TListTicketsInput } from "@helpline/core";
import { useLiveList } from "@/lib/use-live-list";
import { listTicketsAction } from "../actions";

/** One page of the Tickets list as `listTickets` returns it: `tickets`, `pageSize` and the signed cursors either side (null at an end). */
export type TicketsPage = Awaited<ReturnType<typeof listTickets>>;

/**
 * The page of tickets for `query`, starting from the server-rendered `initial` and read again every
 * 15 s, so a new ticket shows up without a reload.
 */
export function useTicketsPage(query: TListTicketsInput, initial: TicketsPage) {
  const { data, isFetching } = useLiveList({
    key: "tickets",
    input: query,
    action: listTicketsAction,
    initial,
    refreshMs: 15_000,
  });
  return { data, isFetching };
}
