"use client";
import { useRecomputeProgress } from "../hooks/use-recompute-progress";

/**
 * "Updating due times: 1,200 of 5,000 tickets" with a bar, while the open tickets on a calendar
 * get their due times recomputed after its hours changed; "Due times are up to date" once done.
 */
export function RecomputeProgress({
  calendarId,
  initial,
}: {
  calendarId: string;
  initial: { done: number; total: number } | null;
}) {
  const progress = useRecomputeProgress(calendarId, initial);
  if (progress.isPending) return null;
  const data = progress.data;
  return (
    <div role="status" className="rounded-xl border border-indigo-100 bg-indigo-50 px-5 py-3 text-sm text-indigo-900">
      {data ? (
        <>
          <p>
            Updating due times: {data.done.toLocaleString("en")} of {data.total.toLocaleString("en")} tickets
          </p>
          <progress
            className="mt-2 h-2 w-full"
            max={Math.max(data.total, 1)}
            value={data.done}
            aria-label="Updating due times"
          />
        </>
      ) : (
        <p>Due times are up to date: every open ticket on this calendar follows its new hours.</p>
      )}
      {progress.isError ? (
        <p className="mt-1 text-red-700">Could not check the progress: {progress.error.message}</p>
      ) : null}
    </div>
  );
}
