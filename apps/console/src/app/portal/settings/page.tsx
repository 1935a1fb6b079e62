import { languageName, LOCALES } from "@helpline/i18n";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PreferencesForm } from "@/modules/portal/components/preferences-form";
import { requirePortalContact } from "@/modules/portal/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("portal"))("preferences.metaTitle") };
}

export default async function PortalPreferencesPage() {
  const contact = await requirePortalContact("/portal/settings");
  const t = await getTranslations("portal");
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold tracking-tight text-slate-900">{t("preferences.heading")}</h1>
      <p className="mb-4 text-sm text-slate-500">
        {contact.fullName} · {contact.email}
      </p>
      <PreferencesForm
        emailOnReplies={contact.emailOnReplies}
        chosenLanguage={contact.chosenLanguage}
        languages={LOCALES.map((locale) => ({ value: locale, name: languageName(locale) }))}
      />
    </>
  );
}
