import { listAuditEvents, ZListAuditEventsInput } from "@helpline/core";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { AuditTable } from "@/modules/audit/components/audit-table";
import { requireAdminPage } from "@/modules/auth/session";
import { SettingsTabs } from "@/modules/shell/components/settings-tabs";

export const metadata: Metadata = { title: "Audit log" };

const FILTERS = [
  { value: "", label: "Everything" },
  { value: "helpdesk.", label: "Helpdesk Agent" },
  { value: "identity.", label: "Identity confirmation" },
  { value: "technician.", label: "Technicians" },
  { value: "api_key.", label: "API keys" },
  { value: "customer.", label: "Customers" },
  { value: "device.", label: "Devices" },
  { value: "device.possible_clone", label: "Possible clones" },
];

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requireAdminPage();
  const input = ZListAuditEventsInput.catch(ZListAuditEventsInput.parse({})).parse(await searchParams);
  const log = await listAuditEvents({ input: { ...input, subject: undefined } });
  const pageHref = (page: number) =>
    `/settings/audit-log?${new URLSearchParams({ ...(input.action ? { action: input.action } : {}), page: String(page) })}`;
  const last = Math.min(log.total, log.page * log.pageSize);
  return (
    <>
      <PageHeader title="Settings" description="Who did what, and when." />
      <SettingsTabs isAdmin />
      <form className="mb-4 flex items-center gap-2">
        <select
          name="action"
          aria-label="Show"
          defaultValue={input.action}
          className="rounded-md border border-slate-300 bg-white px-2.5 py-2 text-sm"
        >
          {FILTERS.map((filter) => (
            <option key={filter.value} value={filter.value}>
              {filter.label}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Filter
        </button>
      </form>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white pt-3">
        <AuditTable rows={log.events} empty="Nothing recorded yet." />
        {log.total > 0 ? (
          <div className="flex items-center justify-between border-t border-slate-100 px-5 py-3 text-sm text-slate-500">
            <span>
              Showing {((log.page - 1) * log.pageSize + 1).toLocaleString("en")}–{last.toLocaleString("en")} of{" "}
              {log.total.toLocaleString("en")}
            </span>
            <div className="flex gap-3">
              {log.page > 1 ? (
                <Link href={pageHref(log.page - 1)} className="font-medium text-indigo-700 hover:underline">
                  Previous
                </Link>
              ) : null}
              {last < log.total ? (
                <Link href={pageHref(log.page + 1)} className="font-medium text-indigo-700 hover:underline">
                  Next
                </Link>
              ) : null}
            </div>
          </div>
        ) : null}
      </div>
    </>
  );
}
