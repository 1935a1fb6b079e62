import { listTechnicians } from "@helpline/core";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdminPage } from "@/modules/auth/session";
import { SettingsTabs } from "@/modules/shell/components/settings-tabs";
import { AddTechnicianForm } from "@/modules/technicians/components/add-technician-form";
import { TechniciansTable } from "@/modules/technicians/components/technicians-table";

export const metadata: Metadata = { title: "Technicians" };

export default async function TechniciansPage() {
  const admin = await requireAdminPage();
  const technicians = await listTechnicians({ actor: admin });
  return (
    <>
      <PageHeader title="Settings" description="Technicians who can sign in to this console." />
      <SettingsTabs isAdmin />
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_20rem]">
        <TechniciansTable rows={technicians} selfId={admin.id} />
        <AddTechnicianForm />
      </div>
    </>
  );
}
