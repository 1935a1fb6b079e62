"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toaster";
import { deleteWebhookEndpointAction } from "../actions";

/** Delete, confirmed: the endpoint goes with its delivery log; done, back to the list. */
export function DeleteEndpointButton({ endpointId, url }: { endpointId: string; url: string }) {
  const [open, setOpen] = useState(false);
  const toast = useToast();
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: () => deleteWebhookEndpointAction({ endpointId }),
    onSuccess: (result) => {
      if (!result.ok) return toast("error", result.error.message);
      setOpen(false);
      toast("success", "Endpoint deleted.");
      router.push("/settings/webhooks");
    },
    onError: () => toast("error", "Could not delete the endpoint. Try again."),
  });
  return (
    <>
      <Button type="button" variant="danger" onClick={() => setOpen(true)}>
        Delete
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Delete this endpoint?">
        <p className="text-sm break-all text-slate-600">
          {url} stops receiving events, and its delivery log goes with it. Deliveries not sent yet are never sent.
        </p>
        <div className="mt-6 flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button type="button" variant="danger" disabled={mutation.isPending} onClick={() => mutation.mutate()}>
            {mutation.isPending ? "Deleting…" : "Delete endpoint"}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
