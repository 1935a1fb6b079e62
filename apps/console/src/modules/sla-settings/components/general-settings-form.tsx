"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { saveGeneralSettingsAction } from "../actions";
import { TimeZoneField } from "./time-zone-field";

/** Settings ▸ General: the MSP's time zone (the console's clock, the default calendar's zone). */
export function GeneralSettingsForm({ timeZone }: { timeZone: string }) {
  const toast = useToast();
  const [fields, setFields] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: (timeZone: string) => saveGeneralSettingsAction({ timeZone }),
    onSuccess: (result, timeZone) => {
      if (!result.ok) {
        setFields(result.error.fields ?? {});
        toast("error", result.error.message);
        return;
      }
      setFields({});
      toast("success", `The console now shows times in ${timeZone.trim()}.`);
    },
    onError: () => toast("error", "Could not save. Try again."),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    mutation.mutate(String(new FormData(event.currentTarget).get("timeZone") ?? ""));
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
      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
