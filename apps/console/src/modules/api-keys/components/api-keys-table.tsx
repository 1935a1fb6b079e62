import { isApiKeyExpired, type ApiKeyRow } from "@helpline/core";
import { EmptyState } from "@/components/ui/empty-state";
import { KeyIcon } from "@/components/ui/icons";
import { Table } from "@/components/ui/table";
import { DateTime } from "@/components/ui/zoned-time";
import { ExpiryDay } from "./expiry-day";
import { RevokeApiKeyButton } from "./revoke-api-key-button";

type Status = "Active" | "Expired" | "Revoked";

const STATUS_STYLE: Record<Status, string> = {
  Active: "bg-emerald-50 text-emerald-700",
  Expired: "bg-amber-50 text-amber-800",
  Revoked: "bg-slate-100 text-slate-500",
};

function statusOf(row: ApiKeyRow, now: Date): Status {
  if (row.revokedAt) return "Revoked";
  return isApiKeyExpired(row, now) ? "Expired" : "Active";
}

/** Settings ▸ API keys: every key, newest first; `now` (the page's render time) decides which have expired. */
export function ApiKeysTable({ rows, now }: { rows: ApiKeyRow[]; now: Date }) {
  if (rows.length === 0) {
    return (
      <EmptyState title="No API keys yet" icon={<KeyIcon />}>
        An API key lets a program (your PSA, a chat bot, a script) call the Helpline REST API as one of your
        technicians, with only the scopes you choose.
      </EmptyState>
    );
  }
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <Table
        columns={[
          "Name",
          "Key",
          "Acts as",
          "Scopes",
          "Expires",
          "Last used",
          "Status",
          { label: "Actions", hidden: true },
        ]}
      >
        {rows.map((row) => {
          const status = statusOf(row, now);
          return (
            <tr key={row.id} className={status === "Active" ? "" : "text-slate-400"}>
              <td className="px-4 py-3 font-medium">{row.name}</td>
              <td className="px-4 py-3 font-mono text-xs whitespace-nowrap">{row.prefix}…</td>
              <td className="px-4 py-3">{row.technician.name}</td>
              <td className="px-4 py-3">
                <ul className="flex flex-wrap gap-1">
                  {row.scopes.map((scope) => (
                    <li key={scope} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
                      {scope}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="px-4 py-3 whitespace-nowrap">
                {row.expiresAt ? <ExpiryDay expiresAt={row.expiresAt} /> : "Never"}
              </td>
              <td className="px-4 py-3 whitespace-nowrap">
                {row.lastUsedAt ? (
                  <>
                    <DateTime at={row.lastUsedAt} />
                    {row.lastUsedIp ? (
                      <span className="block text-xs text-slate-500">from {row.lastUsedIp}</span>
                    ) : null}
                  </>
                ) : (
                  "Never"
                )}
              </td>
              <td className="px-4 py-3">
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status]}`}>{status}</span>
              </td>
              <td className="px-4 py-3 text-right whitespace-nowrap">
                {status === "Revoked" ? null : <RevokeApiKeyButton id={row.id} name={row.name} />}
              </td>
            </tr>
          );
        })}
      </Table>
    </div>
  );
}
