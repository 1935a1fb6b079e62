import { listSlaCalendars, listSlaPolicies, ZSlaPolicyRef } from "@helpline/core";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requireTechnician } from "@/modules/auth/session";
import { SettingsTabs } from "@/modules/shell/components/settings-tabs";
import { DeletePolicyButton } from "@/modules/sla-settings/components/delete-button";
import { PolicyEditor } from "@/modules/sla-settings/components/policy-editor";

type Props = { params: Promise<{ policyId: string }> };

export const metadata: Metadata = { title: "SLAs" };

export default async function PolicyPage({ params }: Props) {
  const technician = await requireTechnician();
  const ref = ZSlaPolicyRef.safeParse(await params);
  if (!ref.success) notFound();
  const [policies, calendars] = await Promise.all([listSlaPolicies(), listSlaCalendars()]);
  const policy = policies.find((row) => row.id === ref.data.policyId);
  if (!policy) notFound();
  const isAdmin = technician.role === "admin";
  return (
    <>
      <PageHeader
        title="Settings"
        description="Response and resolution targets per priority. Changes apply to tickets opened from now on."
        actions={isAdmin ? <DeletePolicyButton policyId={policy.id} name={policy.name} /> : null}
      />
      <SettingsTabs isAdmin={isAdmin} />
      <nav aria-label="Breadcrumb" className="mb-4 text-sm text-slate-500">
        <Link href="/settings/slas" className="hover:underline">
          SLAs
        </Link>{" "}
        / {policy.name}
      </nav>
      <PolicyEditor source={{ ...policy, calendarId: policy.calendar.id }} calendars={calendars} readOnly={!isAdmin} />
    </>
  );
}
