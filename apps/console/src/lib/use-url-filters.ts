"use client";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";

type FilterValue = string | number | undefined;
// A change may carry any value the URL can: the page parses what it reads back.
type Changes<T> = Partial<Record<keyof T, FilterValue>>;

/**
 * A list's filters, sort and page kept in the page's URL, so a view can be shared or reloaded; the
 * server component reads them back from `searchParams` and renders the new view.
 *
 * In: `current`, the filters the page was rendered with; `reset`, what any change also sets (back to
 * the first page); `defaults`, values left out of the URL because the server assumes them; `omit`,
 * keys the page fixes itself (never written to the URL).
 * Out: `navigate(changes)` replaces the URL (no scroll) with the changes applied; `navigating` is true
 * from then until the server has rendered the new view (the navigation runs in a React transition).
 * Empty strings and `undefined` are left out of the URL.
 */
export function useUrlFilters<T extends Record<string, FilterValue>>(
  current: T,
  options: { reset: Changes<T>; defaults?: Changes<T>; omit?: readonly (keyof T)[] },
) {
  const router = useRouter();
  const pathname = usePathname();
  const [navigating, startNavigation] = useTransition();
  // Filters change faster than navigations finish: build each URL from the latest one asked for.
  const latest = useRef(current);
  useEffect(() => {
    latest.current = current;
  }, [current]);

  function navigate(changes: Changes<T>) {
    const next = { ...latest.current, ...options.reset, ...changes } as T;
    latest.current = next;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (options.omit?.includes(key) || value === undefined || value === "" || value === options.defaults?.[key])
        continue;
      params.set(key, String(value));
    }
    startNavigation(() => router.replace(`${pathname}${params.size ? `?${params}` : ""}`, { scroll: false }));
  }

  return { navigate, navigating };
}
