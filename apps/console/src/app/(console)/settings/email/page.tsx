import { getEmailSettings, getInboundMailStatus, listIgnoredMail, ZListIgnoredMailInput } from "@helpline/core";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { requireTechnician } from "@/modules/auth/session";
import { IgnoredMailTable } from "@/modules/email-settings/components/ignored-mail-table";
import { InboundStatusPanel } from "@/modules/email-settings/components/inbound-status-panel";
import { TestMailPanel } from "@/modules/email-settings/components/test-mail-panel";
import { UnknownSendersForm } from "@/modules/email-settings/components/unknown-senders-form";
import { SettingsTabs } from "@/modules/shell/components/settings-tabs";

export const metadata: Metadata = { title: "Email" };

// Admins change the settings; every technician may read them and make tickets of ignored mail
// (what happens to customers' mail is their daily work).
export default async function EmailSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const technician = await requireTechnician();
  const isAdmin = technician.role === "admin";
  const input = ZListIgnoredMailInput.catch(ZListIgnoredMailInput.parse({})).parse(await searchParams);
  const [status, settings, ignored] = await Promise.all([
    getInboundMailStatus({ actor: technician }),
    getEmailSettings(),
    listIgnoredMail({ actor: technician, input }),
  ]);
  return (
    <>
      <PageHeader title="Settings" description="How mail reaches Helpline and what happens to it." />
      <SettingsTabs isAdmin={isAdmin} />
      <div className="grid items-start gap-6 xl:grid-cols-[1fr_26rem]">
        <InboundStatusPanel status={status} />
        <div className="space-y-4">
          <UnknownSendersForm value={settings.unknownSenders} canEdit={isAdmin} />
          {isAdmin ? <TestMailPanel replyTo={status.replyTo} /> : null}
        </div>
      </div>
      <section aria-labelledby="ignored-mail-heading" className="mt-6 rounded-xl border border-slate-200 bg-white">
        <div className="border-b border-slate-100 px-5 py-4">
          <h2 id="ignored-mail-heading" className="text-base font-semibold">
            Ignored mail
          </h2>
          <p className="text-sm text-slate-500">Mail that opened no ticket, kept 30 days. Nobody was answered.</p>
        </div>
        <IgnoredMailTable mails={ignored.mails} />
        <Pager page={ignored.page} pageSize={ignored.pageSize} total={ignored.total} path="/settings/email" />
      </section>
    </>
  );
}
