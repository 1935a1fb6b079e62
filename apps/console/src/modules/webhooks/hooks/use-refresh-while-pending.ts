"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

const REFRESH_MS = 2000;

/**
 * While a delivery on the page is pending, re-renders the page from the server every 2 s, so a
 * test event or a resend turns Delivered or Failed without a reload; stops once none is pending.
 */
export function useRefreshWhilePending(pending: boolean) {
  const router = useRouter();
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [pending, router]);
}
