"use client";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toaster";
import { createWebhookEndpointAction } from "../actions";
import { useEndpointForm } from "../hooks/use-endpoint-form";
import { EndpointFields } from "./endpoint-fields";
import { SigningSecretBox } from "./signing-secret-box";

/**
 * Add endpoint: a dialog with URL, Description and Events; once saved it shows the signing secret
 * (the receiver verifies signatures with it) before the admin closes it.
 */
export function AddEndpointButton() {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const toast = useToast();
  const form = useEndpointForm({
    save: createWebhookEndpointAction,
    onSaved: (data) => {
      setCreated(data);
      toast("success", "Endpoint added.");
    },
    failed: "Could not add the endpoint. Try again.",
  });
  const close = () => setOpen(false);
  return (
    <>
      <Button type="button" onClick={() => (setCreated(null), form.reset(), setOpen(true))}>
        Add endpoint
      </Button>
      <Dialog open={open} onClose={close} title={created ? "Endpoint added" : "Add endpoint"}>
        {open && created ? (
          <div className="space-y-4">
            <p className="text-sm text-slate-600">
              Every delivery carries a <code className="text-xs">Helpline-Signature</code> made with this secret. Give
              it to the receiver so it can check that a request comes from Helpline. You can reveal it again on the
              endpoint&apos;s page.
            </p>
            <SigningSecretBox secret={created.secret} />
            <div className="flex justify-end gap-2">
              <Link
                href={`/settings/webhooks/${created.id}`}
                className="rounded-md border border-slate-300 px-3.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
              >
                Open endpoint
              </Link>
              <Button type="button" onClick={close}>
                Done
              </Button>
            </div>
          </div>
        ) : open ? (
          <form onSubmit={form.submit} aria-label="Add endpoint" noValidate className="space-y-4">
            <EndpointFields
              defaults={{ url: "", description: "", events: [] }}
              fields={form.fields}
              eventsError={form.eventsError}
            />
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={form.pending}>
                {form.pending ? "Adding…" : "Add endpoint"}
              </Button>
            </div>
          </form>
        ) : null}
      </Dialog>
    </>
  );
}
