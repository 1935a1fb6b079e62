import { listSlaCalendars } from "@helpline/core";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdminPage } from "@/modules/auth/session";
import { SettingsTabs } from "@/modules/shell/components/settings-tabs";
import { PolicyEditor } from "@/modules/sla-settings/components/policy-editor";

export const metadata: Metadata = { title: "New policy" };

const hours = (amount: number) => ({ amount, unit: "hours" as const });
const days = (amount: number) => ({ amount, unit: "days" as const });
// A new policy starts from the Standard targets, for the admin to adjust.
const STANDARD_TARGETS = {
  critical: { firstResponse: hours(1), resolution: hours(4) },
  high: { firstResponse: hours(2), resolution: hours(8) },
  medium: { firstResponse: hours(4), resolution: days(2) },
  low: { firstResponse: hours(8), resolution: days(5) },
};

export default async function NewPolicyPage() {
  await requireAdminPage();
  const calendars = await listSlaCalendars();
  return (
    <>
      <PageHeader title="Settings" description="A new SLA policy." />
      <SettingsTabs isAdmin />
      <h2 className="mb-4 text-lg font-semibold">New policy</h2>
      {calendars.length === 0 ? (
        <p className="text-sm text-slate-600">
          A policy runs on a calendar.{" "}
          <Link href="/settings/business-hours/new" className="font-medium text-indigo-700 hover:underline">
            Create a calendar first
          </Link>
          .
        </p>
      ) : (
        <PolicyEditor
          source={{
            id: null,
            name: "",
            calendarId: calendars[0]!.id,
            targets: STANDARD_TARGETS,
            warningPercent: 75,
            isDefault: false,
          }}
          calendars={calendars}
          readOnly={false}
        />
      )}
    </>
  );
}
