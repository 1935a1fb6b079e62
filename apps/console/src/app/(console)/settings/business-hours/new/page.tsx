import { getGeneralSettings } from "@helpline/core";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdminPage } from "@/modules/auth/session";
import { SettingsTabs } from "@/modules/shell/components/settings-tabs";
import { CalendarEditor } from "@/modules/sla-settings/components/calendar-editor";

export const metadata: Metadata = { title: "New calendar" };

// A new calendar starts as office hours in the MSP's zone, the common case, for the admin to adjust.
const WORKING_WEEK = [1, 2, 3, 4, 5].map((day) => ({ day, start: "09:00", end: "17:00" }));

export default async function NewCalendarPage() {
  await requireAdminPage();
  const { timeZone } = await getGeneralSettings();
  return (
    <>
      <PageHeader title="Settings" description="A new business-hours calendar." />
      <SettingsTabs isAdmin />
      <h2 className="mb-4 text-lg font-semibold">New calendar</h2>
      <CalendarEditor
        source={{ id: null, name: "", timeZone, weeklyHours: WORKING_WEEK, holidays: [] }}
        recompute={null}
        readOnly={false}
      />
    </>
  );
}
