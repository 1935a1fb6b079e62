import { config, listOutbox, ZListOutboxInput } from "@helpline/core";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { DateTime } from "@/components/ui/zoned-time";
import { requireAdminPage } from "@/modules/auth/session";
import { SettingsTabs } from "@/modules/shell/components/settings-tabs";
import { Table } from "@/components/ui/table";

export const metadata: Metadata = { title: "Outbox" };

const STATUS = { pending: "Waiting to send", sent: "Sent", captured: "Captured" } as const;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const admin = await requireAdminPage();
  const input = ZListOutboxInput.catch(ZListOutboxInput.parse({})).parse(await searchParams);
  const outbox = await listOutbox({ actor: admin, input });
  const catcher = config().mail.mode === "catcher";
  const href = (params: Record<string, string>) =>
    `/settings/outbox?${new URLSearchParams({ page: String(outbox.page), ...params })}`;
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          catcher
            ? "Mail is kept here by the built-in catcher, not sent: set SMTP_URL to deliver it."
            : "Every mail Helpline sends, with its delivery status."
        }
      />
      <SettingsTabs isAdmin />
      <div className="grid items-start gap-6 2xl:grid-cols-[1fr_28rem]">
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          {outbox.messages.length === 0 ? (
            <p className="p-6 text-sm text-slate-500">No mail yet. Identity tokens and ticket receipts appear here.</p>
          ) : (
            <Table columns={["To", "Subject", "When", "Status"]}>
              {outbox.messages.map((message) => (
                <tr
                  key={message.id}
                  className={message.id === outbox.selected?.id ? "bg-indigo-50/50" : "hover:bg-slate-50"}
                >
                  <td className="px-4 py-3">
                    {message.toName ? <span className="block">{message.toName}</span> : null}
                    <span className={message.toName ? "text-xs text-slate-500" : undefined}>{message.to}</span>
                  </td>
                  <td className="px-4 py-3">
                    <Link
                      href={href({ messageId: message.id })}
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      {message.subject}
                    </Link>
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-600">
                    <DateTime at={message.createdAt} />
                  </td>
                  <td className="px-4 py-3" title={message.lastError ?? undefined}>
                    {STATUS[message.status]}
                    {message.status === "pending" && message.attempts > 0 ? (
                      <span className="block text-xs text-amber-700">
                        {message.attempts} failed attempt{message.attempts === 1 ? "" : "s"}, retrying
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </Table>
          )}
          <Pager page={outbox.page} pageSize={outbox.pageSize} total={outbox.total} path="/settings/outbox" />
        </div>
        {outbox.selected ? (
          <section aria-label="Message" className="rounded-xl border border-slate-200 bg-white p-5 text-sm">
            <h2 className="text-base font-semibold">{outbox.selected.subject}</h2>
            <p className="mt-1 text-slate-500">
              To {outbox.selected.toName ? `${outbox.selected.toName} (${outbox.selected.to})` : outbox.selected.to} ·{" "}
              {STATUS[outbox.selected.status]}
            </p>
            {outbox.selected.text === null ? (
              <p className="mt-4 text-slate-500">Delivered through SMTP: the body is not kept.</p>
            ) : (
              <>
                <h3 className="mt-4 mb-1 font-medium">Text</h3>
                <pre
                  aria-label="Text part"
                  className="overflow-x-auto rounded-md bg-slate-50 p-3 font-mono text-xs whitespace-pre-wrap"
                >
                  {outbox.selected.text}
                </pre>
                <h3 className="mt-4 mb-1 font-medium">HTML</h3>
                {/* An empty sandbox: the stored HTML is shown, never run. */}
                <iframe
                  title="HTML part"
                  sandbox=""
                  srcDoc={outbox.selected.html ?? ""}
                  className="h-64 w-full rounded-md border border-slate-200"
                />
              </>
            )}
          </section>
        ) : null}
      </div>
    </>
  );
}
