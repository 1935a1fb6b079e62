"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useToast } from "@/components/ui/toaster";

type Result = { ok: true } | { ok: false; error: { message: string } };

/**
 * A checkbox that flips at once and saves in the background: on success a toast says what
 * changed; on a refusal or a failure the box flips back and the toast says why.
 */
export function useOptimisticToggle(options: {
  initial: boolean;
  save: (next: boolean) => Promise<Result>;
  saved: (next: boolean) => string;
  failed: string;
}) {
  const [checked, setChecked] = useState(options.initial);
  const toast = useToast();
  const mutation = useMutation({
    mutationFn: options.save,
    onSuccess: (result, next) => {
      if (result.ok) return toast("success", options.saved(next));
      setChecked(!next);
      toast("error", result.error.message);
    },
    onError: (_error, next) => {
      setChecked(!next);
      toast("error", options.failed);
    },
  });
  const toggle = (next: boolean) => {
    setChecked(next);
    mutation.mutate(next);
  };
  return { checked, toggle, pending: mutation.isPending };
}
