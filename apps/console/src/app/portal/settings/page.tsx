import type { Metadata } from "next";
import { PreferencesForm } from "@/modules/portal/components/preferences-form";
import { requirePortalContact } from "@/modules/portal/session";

export const metadata: Metadata = { title: "Preferences" };

export default async function PortalPreferencesPage() {
  const contact = await requirePortalContact("/portal/settings");
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold tracking-tight text-slate-900">Preferences</h1>
      <p className="mb-4 text-sm text-slate-500">
        {contact.fullName} · {contact.email}
      </p>
      <PreferencesForm emailOnReplies={contact.emailOnReplies} />
    </>
  );
}
