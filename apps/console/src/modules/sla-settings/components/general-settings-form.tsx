"use client";
import { isLocale, languageName, LOCALES, type Locale } from "@helpline/i18n";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { saveGeneralSettingsAction } from "../actions";
import { TimeZoneField } from "./time-zone-field";

type GeneralSettings = { timeZone: string; language: Locale };

/**
 * Settings ▸ General: the MSP's time zone (the console's clock, the default calendar's zone) and
 * the end users' default language (the last step of the language order, before English).
 */
export function GeneralSettingsForm({ timeZone, language }: GeneralSettings) {
  const toast = useToast();
  const [fields, setFields] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: (input: { timeZone: string; language: string }) => saveGeneralSettingsAction(input),
    onSuccess: (result, input) => {
      if (!result.ok) {
        setFields(result.error.fields ?? {});
        toast("error", result.error.message);
        return;
      }
      setFields({});
      toast(
        "success",
        `The console now shows times in ${input.timeZone.trim()}. End users' default language: ${isLocale(input.language) ? languageName(input.language) : input.language}.`,
      );
    },
    onError: () => toast("error", "Could not save. Try again."),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    mutation.mutate({ timeZone: String(form.get("timeZone") ?? ""), language: String(form.get("language") ?? "") });
  }

  return (
    <form
      onSubmit={submit}
      aria-label="General"
      className="max-w-xl space-y-4 rounded-xl border border-slate-200 bg-white p-5"
      noValidate
    >
      <h2 className="text-base font-semibold">Time zone</h2>
      <p className="text-sm text-slate-500">
        Your company&apos;s time zone: the console shows every time in it, and new business-hours calendars start in it.
        Existing calendars keep their own zone.
      </p>
      <TimeZoneField label="Time zone" name="timeZone" defaultValue={timeZone} error={fields.timeZone} />
      <h2 className="pt-2 text-base font-semibold">End users&apos; language</h2>
      <p className="text-sm text-slate-500">
        The language end users get when neither they nor their customer chose one. It is used on the agent&apos;s page,
        in the tray, on the Customer Portal and in their mails; the console stays in English.
      </p>
      <SelectField label="Language" name="language" defaultValue={language} error={fields.language}>
        {LOCALES.map((locale) => (
          <option key={locale} value={locale}>
            {languageName(locale)}
          </option>
        ))}
      </SelectField>
      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
