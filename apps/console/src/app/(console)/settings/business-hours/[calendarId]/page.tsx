import { DomainError, getSlaCalendar, ZSlaCalendarRef } from "@helpline/core";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requireTechnician } from "@/modules/auth/session";
import { SettingsTabs } from "@/modules/shell/components/settings-tabs";
import { CalendarEditor } from "@/modules/sla-settings/components/calendar-editor";
import { DeleteCalendarButton } from "@/modules/sla-settings/components/delete-button";

type Props = { params: Promise<{ calendarId: string }> };

export const metadata: Metadata = { title: "Business hours" };

export default async function CalendarPage({ params }: Props) {
  const technician = await requireTechnician();
  const ref = ZSlaCalendarRef.safeParse(await params);
  if (!ref.success) notFound();
  const calendar = await getSlaCalendar({ input: ref.data }).catch((error: unknown) => {
    if (error instanceof DomainError && error.status === 404) notFound();
    throw error;
  });
  const isAdmin = technician.role === "admin";
  return (
    <>
      <PageHeader
        title="Settings"
        description="When SLA clocks run: opening hours and holidays, each calendar in its own time zone."
        actions={isAdmin ? <DeleteCalendarButton calendarId={calendar.id} name={calendar.name} /> : null}
      />
      <SettingsTabs isAdmin={isAdmin} />
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/settings/business-hours" className="hover:underline">
          Business hours
        </Link>{" "}
        / {calendar.name}
      </nav>
      <p className="mb-4 text-sm text-slate-500">
        {calendar.policies.length === 0
          ? "No policy uses this calendar yet."
          : `Used by ${calendar.policies.map((policy) => policy.name).join(", ")}.`}{" "}
        Changes to its hours or holidays apply to the open tickets on it too.
      </p>
      <CalendarEditor source={calendar} recompute={calendar.recompute} readOnly={!isAdmin} />
    </>
  );
}
