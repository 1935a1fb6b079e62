"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toaster";
import { rotateInstallKeyAction } from "../actions";

type Props = { customerId: string; customerName: string; installKey: string; serverUrl: string; canRotate: boolean };

export function InstallKeyPanel({ customerId, customerName, installKey, serverUrl, canRotate }: Props) {
  const keyId = useId();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const command = `helpline-agent enroll --server ${serverUrl} --install-key ${installKey}`;
  const rotation = useMutation({
    mutationFn: rotateInstallKeyAction,
    onSuccess: (result) => {
      setConfirming(false);
      if (!result.ok) return toast("error", result.error.message);
      toast("success", "New install key in place. The old one no longer enrolls devices.");
    },
    onError: () => toast("error", "Could not rotate the key. Try again."),
  });
  return (
    <section aria-labelledby={`${keyId}-title`} className="rounded-xl border border-slate-200 bg-white p-5">
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 id={`${keyId}-title`} className="text-base font-semibold">
            Enroll devices
          </h2>
          <p className="mt-1 text-sm text-slate-500">
            Run the agent on each of {customerName}&apos;s machines with this key; they appear under Devices.
          </p>
        </div>
        {canRotate ? (
          <Button variant="secondary" className="shrink-0" onClick={() => setConfirming(true)}>
            Rotate key
          </Button>
        ) : null}
      </div>
      <label htmlFor={keyId} className="mt-4 block text-sm font-medium text-slate-700">
        Install key
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id={keyId}
          readOnly
          value={installKey}
          className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton text={installKey} label="Copy install key" copiedMessage="Install key copied." />
      </div>
      <p className="mt-4 text-sm font-medium text-slate-700">Enroll command</p>
      <div className="mt-1 flex items-start gap-2">
        <pre
          aria-label="Enroll command"
          className="w-full overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-6 text-slate-100"
        >
          {command}
        </pre>
        <CopyButton text={command} label="Copy enroll command" copiedMessage="Enroll command copied." />
      </div>
      <Dialog open={confirming} onClose={() => setConfirming(false)} title="Rotate the install key?">
        <p className="text-sm text-slate-600">
          The current key stops enrolling new devices at once. Devices already enrolled keep working.
        </p>
        <div className="mt-6 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button variant="danger" disabled={rotation.isPending} onClick={() => rotation.mutate({ customerId })}>
            {rotation.isPending ? "Rotating…" : "Rotate"}
          </Button>
        </div>
      </Dialog>
    </section>
  );
}
