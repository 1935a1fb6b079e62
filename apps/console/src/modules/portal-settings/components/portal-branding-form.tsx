"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { savePortalBrandingAction } from "../actions";

export function PortalBrandingForm({ name, logoUrl }: { name: string; logoUrl: string }) {
  const toast = useToast();
  const [fields, setFields] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: savePortalBrandingAction,
    onSuccess: (result) => {
      if (!result.ok) {
        setFields(result.error.fields ?? {});
        toast("error", result.error.message);
        return;
      }
      setFields({});
      toast("success", "The Customer Portal shows your name and logo.");
    },
    onError: () => toast("error", "Could not save. Try again."),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    mutation.mutate(Object.fromEntries(new FormData(event.currentTarget)));
  }

  return (
    <form
      onSubmit={submit}
      aria-label="Customer Portal"
      className="max-w-xl space-y-4 rounded-xl border border-slate-200 bg-white p-5"
      noValidate
    >
      <h2 className="text-base font-semibold">Customer Portal</h2>
      <p className="text-sm text-slate-500">
        Your customers&apos; contacts see this name and logo when they follow their tickets at{" "}
        <span className="font-mono">/portal</span>. The name is also the tooltip of the Helpdesk Agent&apos;s icon in
        the Windows notification area.
      </p>
      <TextField label="Company name" name="name" defaultValue={name} error={fields.name} />
      <TextField
        label="Logo URL"
        name="logoUrl"
        defaultValue={logoUrl}
        error={fields.logoUrl}
        placeholder="https://example.com/logo.png"
      />
      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
