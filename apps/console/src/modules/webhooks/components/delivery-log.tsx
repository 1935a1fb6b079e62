"use client";
import type { WebhookDeliveryRow } from "@helpline/core";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { useToast } from "@/components/ui/toaster";
import { DateTime } from "@/components/ui/zoned-time";
import { resendWebhookDeliveryAction } from "../actions";
import { useRefreshWhilePending } from "../hooks/use-refresh-while-pending";
import { DeliveryState } from "./delivery-state";

function ResendButton({ endpointId, delivery }: { endpointId: string; delivery: WebhookDeliveryRow }) {
  const toast = useToast();
  const mutation = useMutation({
    mutationFn: () => resendWebhookDeliveryAction({ endpointId, deliveryId: delivery.id }),
    onSuccess: (result) =>
      result.ok ? toast("success", `${delivery.event.type} queued again.`) : toast("error", result.error.message),
    onError: () => toast("error", "Could not resend. Try again."),
  });
  return (
    <Button
      type="button"
      variant="secondary"
      className="px-2.5 py-1 text-xs"
      disabled={delivery.status === "pending" || mutation.isPending}
      aria-label={`Resend ${delivery.event.type} ${delivery.event.id}`}
      onClick={() => mutation.mutate()}
    >
      Resend
    </Button>
  );
}

/**
 * The Delivery log of an endpoint, newest first: event, when it was queued (MSP's zone), state,
 * the last try's HTTP status, duration and response (or the error when nothing answered), tries,
 * and Resend. Re-rendered every 2 s while a delivery is pending.
 */
export function DeliveryLog({
  endpointId,
  deliveries,
  nextCursor,
  isFirstPage,
}: {
  endpointId: string;
  deliveries: WebhookDeliveryRow[];
  nextCursor: string | null;
  isFirstPage: boolean;
}) {
  useRefreshWhilePending(deliveries.some((delivery) => delivery.status === "pending"));
  if (deliveries.length === 0)
    return (
      <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-500">
        Nothing sent yet. Send a test event, or wait for one of the events this endpoint takes.
      </p>
    );
  const base = `/settings/webhooks/${endpointId}`;
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <Table
        columns={[
          "Event",
          "Time",
          "State",
          "Status code",
          "Duration",
          "Tries",
          "Response",
          { label: "Actions", hidden: true },
        ]}
      >
        {deliveries.map((delivery) => (
          <tr key={delivery.id}>
            <td className="px-4 py-3">
              <p className="font-medium">{delivery.event.type}</p>
              <p className="font-mono text-xs text-slate-500">{delivery.event.id}</p>
            </td>
            <td className="px-4 py-3 whitespace-nowrap">
              <DateTime at={delivery.createdAt} />
            </td>
            <td className="px-4 py-3">
              <DeliveryState status={delivery.status} />
            </td>
            <td className="px-4 py-3">{delivery.lastStatus ?? (delivery.lastAttemptAt ? "No answer" : "—")}</td>
            <td className="px-4 py-3 whitespace-nowrap">
              {delivery.lastDurationMs === null ? "—" : `${delivery.lastDurationMs.toLocaleString("en")} ms`}
            </td>
            <td className="px-4 py-3">{delivery.attempts}</td>
            <td className="max-w-xs px-4 py-3">
              <p
                className="truncate font-mono text-xs text-slate-600"
                title={delivery.lastResponse ?? delivery.lastError ?? undefined}
              >
                {delivery.lastError ?? delivery.lastResponse ?? ""}
              </p>
            </td>
            <td className="px-4 py-3 text-right">
              <ResendButton endpointId={endpointId} delivery={delivery} />
            </td>
          </tr>
        ))}
      </Table>
      {nextCursor || !isFirstPage ? (
        <div className="flex justify-end gap-3 border-t border-slate-100 px-4 py-3 text-sm">
          {isFirstPage ? null : (
            <Link href={base} className="text-indigo-700 hover:underline">
              Newest
            </Link>
          )}
          {nextCursor ? (
            <Link href={`${base}?cursor=${nextCursor}`} className="text-indigo-700 hover:underline">
              Older
            </Link>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
