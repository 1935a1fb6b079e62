import { listApiKeys, listTechnicians } from "@helpline/core";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { ApiKeysTable } from "@/modules/api-keys/components/api-keys-table";
import { CreateApiKeyButton } from "@/modules/api-keys/components/create-api-key-button";
import { requireAdminPage } from "@/modules/auth/session";
import { SettingsTabs } from "@/modules/shell/components/settings-tabs";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const admin = await requireAdminPage();
  const [keys, technicians] = await Promise.all([listApiKeys({ actor: admin }), listTechnicians({ actor: admin })]);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Keys that let programs call the Helpline REST API as a technician, with the scopes you choose."
      />
      <SettingsTabs isAdmin />
      <div className="mb-4 flex items-center justify-between gap-4">
        <Link href="/settings/api-keys/reference" className="text-sm font-medium text-indigo-700 hover:underline">
          API reference
        </Link>
        <CreateApiKeyButton
          technicians={technicians
            .filter((technician) => !technician.disabled)
            .map(({ id, name, role }) => ({ id, name, role }))}
        />
      </div>
      <ApiKeysTable rows={keys} now={new Date()} />
    </>
  );
}
