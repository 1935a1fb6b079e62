import { listSlaPolicies } from "@helpline/core";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireTechnician } from "@/modules/auth/session";
import { SettingsTabs } from "@/modules/shell/components/settings-tabs";
import { PoliciesTable } from "@/modules/sla-settings/components/policies-table";

export const metadata: Metadata = { title: "SLAs" };

export default async function SlasPage() {
  const technician = await requireTechnician();
  const policies = await listSlaPolicies();
  const isAdmin = technician.role === "admin";
  return (
    <>
      <PageHeader
        title="Settings"
        description="Response and resolution targets per priority. Changes apply to tickets opened from now on."
        actions={
          isAdmin ? (
            <Link
              href="/settings/slas/new"
              className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500"
            >
              New policy
            </Link>
          ) : null
        }
      />
      <SettingsTabs isAdmin={isAdmin} />
      <PoliciesTable rows={policies} />
    </>
  );
}
