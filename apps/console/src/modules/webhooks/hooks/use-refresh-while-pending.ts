"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

const FAST_MS = 2000;
const SLOW_MS = 30_000;
const FAST_FOR_MS = 60_000;

/**
 * While a delivery on the page is pending, re-renders the page from the server, so a test event or
 * a resend turns Delivered or Failed without a reload: every 2 s for the first minute (a live
 * receiver answers within seconds), then every 30 s (one being retried waits minutes to hours
 * between tries). Stops once none is pending.
 */
export function useRefreshWhilePending(pending: boolean) {
  const router = useRouter();
  useEffect(() => {
    if (!pending) return;
    const since = Date.now();
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(
        () => {
          router.refresh();
          schedule();
        },
        Date.now() - since < FAST_FOR_MS ? FAST_MS : SLOW_MS,
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, [pending, router]);
}
