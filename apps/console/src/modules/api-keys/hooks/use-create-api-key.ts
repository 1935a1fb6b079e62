"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useToast } from "@/components/ui/toaster";
import { createApiKeyAction } from "../actions";

/** A created key as the dialog shows it: its name and the token, which exists only in this state. */
export type CreatedApiKey = { name: string; token: string };

/**
 * The Create API key form: sends the fields (an empty Expires means "never"), keeps the refused
 * fields' messages, and holds the token of the key just made until the dialog is closed.
 */
export function useCreateApiKey() {
  const toast = useToast();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const mutation = useMutation({
    mutationFn: createApiKeyAction,
    onSuccess: (result) => {
      if (!result.ok) {
        setFields(result.error.fields ?? {});
        toast("error", result.error.message);
        return;
      }
      setFields({});
      setCreated(result.data);
      toast("success", `API key ${result.data.name} is created.`);
    },
    onError: () => toast("error", "Could not create the API key. Try again."),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expiresOn = String(form.get("expiresOn") ?? "");
    mutation.mutate({
      name: form.get("name"),
      technicianId: form.get("technicianId"),
      scopes: form.getAll("scopes"),
      ...(expiresOn ? { expiresOn } : {}),
    });
  }

  function reset() {
    setFields({});
    setCreated(null);
  }

  return { submit, reset, fields, created, pending: mutation.isPending };
}
