import { getGeneralSettings } from "@helpline/core";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdminPage } from "@/modules/auth/session";
import { SettingsTabs } from "@/modules/shell/components/settings-tabs";
import { GeneralSettingsForm } from "@/modules/sla-settings/components/general-settings-form";

export const metadata: Metadata = { title: "General" };

export default async function GeneralSettingsPage() {
  await requireAdminPage();
  const settings = await getGeneralSettings();
  return (
    <>
      <PageHeader title="Settings" description="Your company's time zone and end users' default language." />
      <SettingsTabs isAdmin />
      <GeneralSettingsForm timeZone={settings.timeZone} language={settings.language} />
    </>
  );
}
