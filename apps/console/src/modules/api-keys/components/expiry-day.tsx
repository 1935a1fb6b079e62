"use client";
import { zoneAbbreviation } from "@helpline/core/time";
import { useTimeZone } from "@/components/ui/zoned-time";
import { formatDate, formatDateTime } from "@/lib/format";

/**
 * "Until 31 Dec 2099 ends (UTC)": the day an admin chose, in the MSP's zone. `expiresAt` is the first
 * instant the key no longer works (that day's following midnight), so the day is the one just before it;
 * the exact instant is the tooltip.
 */
export function ExpiryDay({ expiresAt }: { expiresAt: Date }) {
  const timeZone = useTimeZone();
  const lastMoment = new Date(expiresAt.getTime() - 1);
  return (
    <time dateTime={expiresAt.toISOString()} title={`Stops working at ${formatDateTime(expiresAt, timeZone)}`}>
      Until {formatDate(lastMoment, timeZone)} ends ({zoneAbbreviation(lastMoment, timeZone)})
    </time>
  );
}
