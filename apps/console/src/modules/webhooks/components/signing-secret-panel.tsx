"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toaster";
import { revealWebhookSecretAction, rotateWebhookSecretAction } from "../actions";
import { SigningSecretBox } from "./signing-secret-box";

/**
 * The endpoint's signing secret: hidden until Reveal (each reveal is in the audit log); Rotate
 * secret, confirmed, replaces it at once and shows the new one.
 */
export function SigningSecretPanel({ endpointId }: { endpointId: string }) {
  const toast = useToast();
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const reveal = useMutation({
    mutationFn: () => revealWebhookSecretAction({ endpointId }),
    onSuccess: (result) => (result.ok ? setSecret(result.data.secret) : toast("error", result.error.message)),
    onError: () => toast("error", "Could not read the secret. Try again."),
  });
  const rotate = useMutation({
    mutationFn: () => rotateWebhookSecretAction({ endpointId }),
    onSuccess: (result) => {
      setConfirming(false);
      if (!result.ok) return toast("error", result.error.message);
      setSecret(result.data.secret);
      toast("success", "New signing secret: give it to the receiver now.");
    },
    onError: () => toast("error", "Could not rotate the secret. Try again."),
  });
  return (
    <div className="space-y-3">
      {secret ? (
        <SigningSecretBox secret={secret} />
      ) : (
        <div className="space-y-1">
          <p className="text-sm font-medium text-slate-700">Signing secret</p>
          <p className="font-mono text-sm text-slate-500" aria-label="Hidden">
            whsec_••••••••••••
          </p>
        </div>
      )}
      <div className="flex gap-2">
        {secret ? (
          <Button type="button" variant="secondary" onClick={() => setSecret(null)}>
            Hide
          </Button>
        ) : (
          <Button type="button" variant="secondary" disabled={reveal.isPending} onClick={() => reveal.mutate()}>
            Reveal
          </Button>
        )}
        <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
          Rotate secret
        </Button>
      </div>
      <Dialog open={confirming} onClose={() => setConfirming(false)} title="Rotate the signing secret?">
        <p className="text-sm text-slate-600">
          Every delivery from now on, retries included, is signed with a new secret. The receiver refuses them until it
          has the new one.
        </p>
        <div className="mt-6 flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button type="button" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
            {rotate.isPending ? "Rotating…" : "Rotate secret"}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
