"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { ActionResult } from "@/modules/auth/with-technician";
import { useToast } from "@/components/ui/toaster";

type EndpointFields = { url: string; description: string; events: string[] };

/**
 * The endpoint form's state for Add endpoint and the endpoint page's Save: reads URL, Description
 * and the ticked Events from the form, sends them with `save`, keeps the refusal of each field to
 * show beside it, and hands a success to `onSaved`.
 */
export function useEndpointForm<T>(options: {
  save: (fields: EndpointFields) => Promise<ActionResult<T>>;
  onSaved: (data: T) => void;
  failed: string;
}) {
  const toast = useToast();
  const [fields, setFields] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: options.save,
    onSuccess: (result) => {
      if (!result.ok) {
        setFields(result.error.fields ?? {});
        toast("error", result.error.message);
        return;
      }
      setFields({});
      options.onSaved(result.data);
    },
    onError: () => toast("error", options.failed),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    mutation.mutate({
      url: String(form.get("url") ?? ""),
      description: String(form.get("description") ?? ""),
      events: form.getAll("events").map(String),
    });
  }
  // An event's own refusal (events.3) belongs to the Events group as a whole.
  const eventsError = fields.events ?? Object.entries(fields).find(([path]) => path.startsWith("events."))?.[1];
  return { submit, fields, eventsError, pending: mutation.isPending, reset: () => setFields({}) };
}
