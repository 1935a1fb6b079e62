import type { ReplyMailState } from "@helpline/core";
import type { ReactNode } from "react";
import { ClockTime } from "@/components/ui/zoned-time";

/**
 * Under a technician's reply: whether the mail carrying it reached the contact ("Emailed to Jane
 * Doe · delivered 10:42 CET", in the MSP's zone), is still queued, or failed its last try (the outbox retries it
 * with backoff, so "not delivered yet" with the relay's error).
 */
export function ReplyDelivery({ mail }: { mail: NonNullable<ReplyMailState> }) {
  const to = mail.to.name ?? mail.to.address;
  const at = mail.deliveredAt ? <ClockTime at={mail.deliveredAt} /> : null;
  const [tone, text] = {
    sent: [
      "text-emerald-700",
      <>
        Emailed to {to} · delivered {at}
      </>,
    ],
    captured: [
      "text-emerald-700",
      <>
        Emailed to {to} · kept by the built-in mail catcher {at}
      </>,
    ],
    pending: ["text-slate-500", <>Waiting to be sent to {to}</>],
    failed: ["text-red-700", <>Not delivered yet: {mail.lastError}</>],
  }[mail.status] as [string, ReactNode];
  return (
    <p aria-label="Mail delivery" className={`mt-3 text-xs ${tone}`} title={mail.to.address}>
      {text}
    </p>
  );
}
