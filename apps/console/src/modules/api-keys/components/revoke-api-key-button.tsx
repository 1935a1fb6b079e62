"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toaster";
import { revokeApiKeyAction } from "../actions";

/** Revoke with confirmation: the key stops working at once, for good. */
export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  const toast = useToast();
  const mutation = useMutation({
    mutationFn: revokeApiKeyAction,
    onSuccess: (result) => {
      setOpen(false);
      if (!result.ok) return toast("error", result.error.message);
      toast("success", `API key ${name} is revoked.`);
    },
    onError: () => toast("error", "Could not revoke the API key. Try again."),
  });
  return (
    <>
      <Button
        variant="danger"
        className="px-2.5 py-1 text-xs"
        aria-label={`Revoke ${name}`}
        onClick={() => setOpen(true)}
      >
        Revoke
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Revoke ${name}?`}>
        <p className="text-sm text-slate-600">
          Programs using this key are refused from their next request. A revoked key cannot be used again.
        </p>
        <div className="mt-6 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button variant="danger" disabled={mutation.isPending} onClick={() => mutation.mutate({ id })}>
            {mutation.isPending ? "Revoking…" : "Revoke"}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
