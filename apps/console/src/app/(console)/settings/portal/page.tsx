import { getPortalBranding } from "@helpline/core";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdminPage } from "@/modules/auth/session";
import { PortalBrandingForm } from "@/modules/portal-settings/components/portal-branding-form";
import { SettingsTabs } from "@/modules/shell/components/settings-tabs";

export const metadata: Metadata = { title: "Portal" };

export default async function PortalSettingsPage() {
  await requireAdminPage();
  const brand = await getPortalBranding();
  return (
    <>
      <PageHeader title="Settings" description="How the Customer Portal presents your company." />
      <SettingsTabs isAdmin />
      <PortalBrandingForm name={brand.name} logoUrl={brand.logoUrl ?? ""} />
    </>
  );
}
