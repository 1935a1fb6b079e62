"use client";
import { useId } from "react";
import { CopyButton } from "@/components/ui/copy-button";

/** A signing secret in full, with Copy: shown after Add endpoint, Reveal and Rotate secret. */
export function SigningSecretBox({ secret }: { secret: string }) {
  const labelId = useId();
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium text-slate-700" id={labelId}>
        Signing secret
      </p>
      <div className="flex items-center gap-2">
        <code
          aria-labelledby={labelId}
          className="min-w-0 flex-1 rounded-md bg-slate-100 px-3 py-2 font-mono text-xs break-all text-slate-800"
        >
          {secret}
        </code>
        <CopyButton text={secret} label="Copy signing secret" copiedMessage="Signing secret copied." />
      </div>
    </div>
  );
}
