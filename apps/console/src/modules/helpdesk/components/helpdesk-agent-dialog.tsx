"use client";
import type { HelpdeskResult, TApplyHelpdeskInput } from "@helpline/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { BusyBar } from "@/components/ui/busy-bar";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toaster";
import { applyHelpdeskBulkAction } from "../actions";
import { outcomeLabel } from "../helpdesk-labels";

type Props = { open: boolean; onClose: () => void; selection: TApplyHelpdeskInput["selection"]; count: number };

/** The Helpdesk Agent screen: Activate or Deactivate, Apply, then every device's outcome. */
export function HelpdeskAgentDialog({ open, onClose, selection, count }: Props) {
  const [action, setAction] = useState<"activate" | "deactivate">("activate");
  const [results, setResults] = useState<HelpdeskResult[] | null>(null);
  const toast = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: applyHelpdeskBulkAction,
    onSuccess: (result) => {
      if (!result.ok) return toast("error", result.error.message);
      setResults(result.data.results);
      const { activated, deactivated, skipped } = result.data.counts;
      toast("success", `Done: ${activated + deactivated} changed, ${skipped} skipped.`);
      void queryClient.invalidateQueries({ queryKey: ["devices"] });
      router.refresh();
    },
    onError: () => toast("error", "Apply failed. Nothing was changed; try again."),
  });
  const close = () => {
    setResults(null);
    mutation.reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title="Helpdesk Agent">
      {results ? (
        <div>
          <p className="mb-3 text-sm text-slate-600">{results.length.toLocaleString("en")} devices</p>
          <ul
            aria-label="Results"
            className="max-h-72 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 text-sm"
          >
            {results.map((result) => (
              <li key={result.deviceId} className="flex justify-between gap-3 px-3 py-2">
                <span className="min-w-0 font-medium break-words">{result.hostname}</span>
                <span className={`text-right ${result.outcome === "skipped" ? "text-amber-700" : "text-slate-700"}`}>
                  {outcomeLabel(result.outcome, result.reason)}
                </span>
              </li>
            ))}
          </ul>
          <div className="mt-5 flex justify-end">
            <Button onClick={close}>Done</Button>
          </div>
        </div>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            mutation.mutate({ action, selection });
          }}
        >
          <p className="mb-3 text-sm text-slate-600">
            For the user signed in now on {count.toLocaleString("en")} selected device{count === 1 ? "" : "s"}.
          </p>
          <fieldset className="space-y-2">
            <legend className="sr-only">Action</legend>
            {(["activate", "deactivate"] as const).map((value) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="action"
                  value={value}
                  checked={action === value}
                  onChange={() => setAction(value)}
                />
                {value === "activate" ? "Activate" : "Deactivate"}
              </label>
            ))}
          </fieldset>
          {mutation.isPending ? <BusyBar label="Applying" className="mt-4" /> : null}
          <div className="mt-5 flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={mutation.isPending}>
              {mutation.isPending ? `Applying to ${count.toLocaleString("en")}…` : "Apply"}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
