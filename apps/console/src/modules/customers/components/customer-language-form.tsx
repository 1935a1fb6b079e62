"use client";
import { isLocale, languageName, LOCALES, type Locale } from "@helpline/i18n";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { setCustomerLanguageAction } from "../actions";

/**
 * Customer page ▸ Language: the language of this customer's contacts who have none of their own
 * (chosen by them, or their Windows display language), or the MSP's default (Settings ▸ General).
 * Admins save; other technicians read, as the customer's SLA.
 */
export function CustomerLanguageForm({
  customerId,
  language,
  mspLanguage,
  canEdit,
}: {
  customerId: string;
  language: Locale | null;
  mspLanguage: Locale;
  canEdit: boolean;
}) {
  const toast = useToast();
  const [choice, setChoice] = useState<string>(language ?? "");
  const [error, setError] = useState<string | undefined>();
  const mspDefault = `MSP default (${languageName(mspLanguage)})`;
  const mutation = useMutation({
    mutationFn: (next: string) => setCustomerLanguageAction({ customerId, language: next }),
    onSuccess: (result, next) => {
      if (!result.ok) {
        setError(result.error.fields?.language ?? result.error.message);
        toast("error", result.error.message);
        return;
      }
      setError(undefined);
      toast(
        "success",
        `Contacts of this customer without a language of their own now get ${isLocale(next) ? languageName(next) : `the ${mspDefault}`}.`,
      );
    },
    onError: () => toast("error", "Could not save. Try again."),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    mutation.mutate(choice);
  }
  return (
    <form
      onSubmit={submit}
      aria-label="Language"
      className="flex flex-wrap items-end gap-x-4 gap-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm"
      noValidate
    >
      <div className="w-64">
        <SelectField
          label="Language"
          name="language"
          value={choice}
          onChange={(event) => setChoice(event.target.value)}
          error={error}
          disabled={!canEdit}
        >
          <option value="">{mspDefault}</option>
          {LOCALES.map((locale) => (
            <option key={locale} value={locale}>
              {languageName(locale)}
            </option>
          ))}
        </SelectField>
      </div>
      {canEdit ? (
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : "Save"}
        </Button>
      ) : null}
      <p className="basis-full text-slate-500">
        What this customer&apos;s end users get (the agent&apos;s page, the tray, the Customer Portal, their mails)
        unless they chose a language or their Windows display language is one Helpline speaks.
        {canEdit ? null : " Only an admin can change a customer's language."}
      </p>
    </form>
  );
}
