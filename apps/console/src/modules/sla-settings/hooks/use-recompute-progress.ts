"use client";
import { useQuery } from "@tanstack/react-query";
import { getRecomputeProgressAction } from "../actions";

// Batches take a moment each; once a second keeps the bar moving without loading the server.
const POLL_MS = 1000;

/**
 * The due-time recompute a calendar's change queued: asks the server every second while it runs
 * (`{ done, total }` tickets) and stops once it is gone (`null`: every open ticket is updated).
 * `initial` is what the page was rendered with; a calendar just saved starts polling at once.
 */
export function useRecomputeProgress(calendarId: string, initial: { done: number; total: number } | null) {
  return useQuery({
    queryKey: ["sla-recompute", calendarId],
    queryFn: async () => {
      const result = await getRecomputeProgressAction({ calendarId });
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    ...(initial ? { initialData: initial } : {}),
    refetchInterval: (query) => (query.state.data === null ? false : POLL_MS),
  });
}
