"use client";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { updateWebhookEndpointAction } from "../actions";
import { useEndpointForm } from "../hooks/use-endpoint-form";
import { EndpointFields } from "./endpoint-fields";

/** The endpoint page's form: URL, Description and Events, saved together. */
export function EndpointEditor({
  endpoint,
}: {
  endpoint: { id: string; url: string; description: string; events: readonly string[] };
}) {
  const toast = useToast();
  const form = useEndpointForm({
    save: (fields) => updateWebhookEndpointAction({ endpointId: endpoint.id, ...fields }),
    onSaved: () => toast("success", "Endpoint saved."),
    failed: "Could not save the endpoint. Try again.",
  });
  return (
    <form
      onSubmit={form.submit}
      aria-label="Endpoint"
      noValidate
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5"
    >
      <EndpointFields defaults={endpoint} fields={form.fields} eventsError={form.eventsError} />
      <Button type="submit" disabled={form.pending}>
        {form.pending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
