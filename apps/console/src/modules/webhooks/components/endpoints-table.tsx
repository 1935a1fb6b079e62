import type { WebhookEndpoint } from "@helpline/core";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { SettingsIcon } from "@/components/ui/icons";
import { Table } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/zoned-time";
import { DeliveryState } from "./delivery-state";
import { EndpointStatus } from "./endpoint-status";

/** Settings ▸ Webhooks: every endpoint with its events, state and newest delivery. */
export function EndpointsTable({ rows }: { rows: WebhookEndpoint[] }) {
  if (rows.length === 0)
    return (
      <EmptyState title="No webhook endpoints yet" icon={<SettingsIcon />}>
        An endpoint is a URL of yours that Helpline calls when something happens: a ticket opened or answered, a device
        enrolled. Add one to connect your PSA, chat or scripts.
      </EmptyState>
    );
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <Table columns={["Endpoint", "Events", "Status", "Last delivery"]}>
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="max-w-md px-4 py-3">
              <Link
                href={`/settings/webhooks/${row.id}`}
                className="font-medium break-all text-indigo-700 hover:underline"
              >
                {row.url}
              </Link>
              {row.description ? <p className="text-xs text-slate-500">{row.description}</p> : null}
            </td>
            <td className="px-4 py-3 whitespace-nowrap">
              {row.events.length} {row.events.length === 1 ? "event" : "events"}
            </td>
            <td className="px-4 py-3">
              <EndpointStatus state={row.state} failingSince={row.failingSince} disabledReason={row.disabledReason} />
            </td>
            <td className="px-4 py-3 whitespace-nowrap">
              {row.lastDelivery ? (
                <span className="flex items-center gap-2">
                  <DeliveryState status={row.lastDelivery.status} />
                  <RelativeTime at={row.lastDelivery.lastAttemptAt ?? row.lastDelivery.createdAt} />
                </span>
              ) : (
                <span className="text-slate-400">None yet</span>
              )}
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
