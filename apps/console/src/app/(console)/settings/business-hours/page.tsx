import { listSlaCalendars } from "@helpline/core";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireTechnician } from "@/modules/auth/session";
import { SettingsTabs } from "@/modules/shell/components/settings-tabs";
import { CalendarsTable } from "@/modules/sla-settings/components/calendars-table";

export const metadata: Metadata = { title: "Business hours" };

export default async function BusinessHoursPage() {
  const technician = await requireTechnician();
  const calendars = await listSlaCalendars();
  const isAdmin = technician.role === "admin";
  return (
    <>
      <PageHeader
        title="Settings"
        description="When SLA clocks run: opening hours and holidays, each calendar in its own time zone."
        actions={
          isAdmin ? (
            <Link
              href="/settings/business-hours/new"
              className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500"
            >
              New calendar
            </Link>
          ) : null
        }
      />
      <SettingsTabs isAdmin={isAdmin} />
      <CalendarsTable rows={calendars} />
    </>
  );
}
