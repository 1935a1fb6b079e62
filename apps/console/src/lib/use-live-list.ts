"use client";
import { useQuery } from "@tanstack/react-query";

type Result<T> = { ok: true; data: T } | { ok: false; error: { message: string } };

/**
 * A list the server rendered (`initial`), kept current by calling a console server action with
 * `input` every `refreshMs` milliseconds; `key` names the list in the query cache, so a mutation
 * can invalidate it. A refusal (e.g. the session ended) becomes the query's error, and the last
 * rows stay shown. Out: `data` (never undefined) and `isFetching`, true while a read is under way.
 */
export function useLiveList<TInput, TData extends object>(options: {
  key: string;
  input: TInput;
  action: (input: TInput) => Promise<Result<TData>>;
  initial: TData;
  refreshMs: number;
}) {
  const { key, input, action, initial, refreshMs } = options;
  return useQuery({
    queryKey: [key, input],
    queryFn: async () => {
      const result = await action(input);
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    initialData: initial,
    refetchInterval: refreshMs,
  });
}
