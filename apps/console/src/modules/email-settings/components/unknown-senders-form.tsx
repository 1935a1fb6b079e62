"use client";
import type { TUnknownSenderPolicy } from "@helpline/core";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { saveEmailSettingsAction } from "../actions";

const OPTIONS: { value: TUnknownSenderPolicy; label: string; hint: string }[] = [
  {
    value: "create",
    label: "Create a ticket in Unassigned customers",
    hint: "A technician gives the ticket a customer in Tickets ▸ Unassigned customers.",
  },
  { value: "ignore", label: "Ignore", hint: "The mail waits in Ignored mail below for 30 days." },
];

/**
 * Settings ▸ Email ▸ Unknown senders: what happens to mail from an address that is no contact. The
 * choice stays as picked when saving fails, so nothing is lost; technicians see it read-only.
 */
export function UnknownSendersForm({ value, canEdit }: { value: TUnknownSenderPolicy; canEdit: boolean }) {
  const toast = useToast();
  const [choice, setChoice] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: saveEmailSettingsAction,
    onSuccess: (result) => {
      if (!result.ok) {
        setError(result.error.fields?.unknownSenders ?? result.error.message);
        toast("error", result.error.message);
        return;
      }
      setError(null);
      toast(
        "success",
        choice === "ignore" ? "Mail from unknown senders is ignored." : "Mail from unknown senders opens a ticket.",
      );
    },
    onError: () => toast("error", "Could not save. Try again."),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    mutation.mutate({ unknownSenders: choice });
  }

  return (
    <form
      onSubmit={submit}
      aria-label="Unknown senders"
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-5"
    >
      <fieldset
        disabled={!canEdit}
        aria-describedby={error ? "unknown-senders-error" : undefined}
        className="space-y-2"
      >
        <legend className="text-base font-semibold">Unknown senders</legend>
        <p className="text-sm text-slate-500">
          Mail from an address that is no contact of any customer. Helpline never replies to it.
        </p>
        {OPTIONS.map((option) => (
          <div key={option.value} className="text-sm">
            {/* The hint stays outside the label, so the radio's name is exactly the option's label. */}
            <label className="flex items-center gap-2 font-medium text-slate-800">
              <input
                type="radio"
                name="unknownSenders"
                value={option.value}
                checked={choice === option.value}
                onChange={() => setChoice(option.value)}
                aria-describedby={`unknown-senders-${option.value}`}
              />
              {option.label}
            </label>
            <p id={`unknown-senders-${option.value}`} className="ml-6 text-slate-500">
              {option.hint}
            </p>
          </div>
        ))}
      </fieldset>
      {error ? (
        <p id="unknown-senders-error" className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
      {canEdit ? (
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : "Save"}
        </Button>
      ) : (
        <p className="text-xs text-slate-500">Only an admin can change this.</p>
      )}
    </form>
  );
}
