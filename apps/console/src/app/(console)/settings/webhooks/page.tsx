import { listWebhookEndpoints } from "@helpline/core";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdminPage } from "@/modules/auth/session";
import { SettingsTabs } from "@/modules/shell/components/settings-tabs";
import { AddEndpointButton } from "@/modules/webhooks/components/add-endpoint-button";
import { EndpointsTable } from "@/modules/webhooks/components/endpoints-table";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const admin = await requireAdminPage();
  const endpoints = await listWebhookEndpoints({ actor: admin });
  return (
    <>
      <PageHeader
        title="Settings"
        description="URLs Helpline calls, signed, when tickets, contacts, devices or the helpdesk change."
        actions={<AddEndpointButton />}
      />
      <SettingsTabs isAdmin />
      <EndpointsTable rows={endpoints} />
    </>
  );
}
