import { getEmailSettings, getInboundMailStatus } from "@helpline/core";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireTechnician } from "@/modules/auth/session";
import { InboundStatusPanel } from "@/modules/email-settings/components/inbound-status-panel";
import { TestMailPanel } from "@/modules/email-settings/components/test-mail-panel";
import { UnknownSendersForm } from "@/modules/email-settings/components/unknown-senders-form";
import { SettingsTabs } from "@/modules/shell/components/settings-tabs";

export const metadata: Metadata = { title: "Email" };

// Admins change these settings; technicians may read them (what happens to mail is their daily work).
export default async function EmailSettingsPage() {
  const technician = await requireTechnician();
  const isAdmin = technician.role === "admin";
  const [status, settings] = await Promise.all([getInboundMailStatus({ actor: technician }), getEmailSettings()]);
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
    </>
  );
}
