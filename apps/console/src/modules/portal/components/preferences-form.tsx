"use client";
import type { Locale } from "@helpline/i18n";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { SelectField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { usePortalFetch } from "./use-portal-fetch";

/**
 * The contact's own settings, each saved as it changes: mail on replies, and the portal's
 * language ("Automatic" follows Windows, then the customer's and the MSP's default). A new
 * language re-renders the portal in it.
 */
export function PreferencesForm({
  emailOnReplies,
  chosenLanguage,
  languages,
}: {
  emailOnReplies: boolean;
  chosenLanguage: Locale | null;
  languages: { value: Locale; name: string }[];
}) {
  const router = useRouter();
  const toast = useToast();
  const t = useTranslations("portal.preferences");
  const tCommon = useTranslations("common");
  const portalFetch = usePortalFetch();
  const [checked, setChecked] = useState(emailOnReplies);
  const [language, setLanguage] = useState<string>(chosenLanguage ?? "");
  const [pending, setPending] = useState(false);

  async function change(next: boolean) {
    setChecked(next);
    setPending(true);
    const result = await portalFetch("/portal/api/preferences", { emailOnReplies: next });
    setPending(false);
    if (!result.ok) {
      setChecked(!next);
      return toast("error", result.message);
    }
    toast("success", next ? t("emailOn") : t("emailOff"));
  }

  async function changeLanguage(next: string) {
    const previous = language;
    setLanguage(next);
    setPending(true);
    const result = await portalFetch<{ message: string }>("/portal/api/preferences", { language: next });
    setPending(false);
    if (!result.ok) {
      setLanguage(previous);
      return toast("error", result.message);
    }
    toast("success", result.data.message);
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <label className="flex items-start gap-3 rounded-xl border border-slate-200 bg-white p-4">
        <input
          type="checkbox"
          className="mt-0.5 h-4 w-4"
          checked={checked}
          disabled={pending}
          onChange={(event) => change(event.target.checked)}
        />
        <span>
          <span className="block text-sm font-medium text-slate-900">{t("emailOnReplies")}</span>
          <span className="block text-sm text-slate-500">{t("emailOnRepliesHint")}</span>
        </span>
      </label>
      <div className="space-y-1 rounded-xl border border-slate-200 bg-white p-4 sm:max-w-sm">
        <SelectField
          label={tCommon("language")}
          value={language}
          disabled={pending}
          onChange={(event) => changeLanguage(event.target.value)}
        >
          <option value="">{t("automatic")}</option>
          {languages.map((option) => (
            <option key={option.value} value={option.value} lang={option.value}>
              {option.name}
            </option>
          ))}
        </SelectField>
        <p className="text-xs text-slate-500">{t("languageHint")}</p>
      </div>
    </div>
  );
}
