"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toaster";
import { deleteCalendarAction, deletePolicyAction } from "../actions";

type Result = { ok: true } | { ok: false; error: { message: string } };

/**
 * Delete with confirmation, for a calendar or a policy: `what` names it in the button and the
 * dialog ("calendar Office"); a refusal (in use) is shown in the dialog as the server said it;
 * done, the browser goes to `afterHref`.
 */
function DeleteButton({
  what,
  name,
  consequence,
  remove,
  afterHref,
}: {
  what: "calendar" | "policy";
  name: string;
  consequence: string;
  remove: () => Promise<Result>;
  afterHref: string;
}) {
  const [open, setOpen] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const toast = useToast();
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: remove,
    onSuccess: (result) => {
      if (!result.ok) return setRefusal(result.error.message);
      setOpen(false);
      toast("success", `${name} is deleted.`);
      router.push(afterHref);
    },
    onError: () => setRefusal(`Could not delete the ${what}. Try again.`),
  });
  return (
    <>
      <Button type="button" variant="danger" onClick={() => (setRefusal(null), setOpen(true))}>
        Delete {what}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Delete ${name}?`}>
        <p className="text-sm text-slate-600">{consequence}</p>
        {refusal ? (
          <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {refusal}
          </p>
        ) : null}
        <div className="mt-6 flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button type="button" variant="danger" disabled={mutation.isPending} onClick={() => mutation.mutate()}>
            {mutation.isPending ? "Deleting…" : "Delete"}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

/** Delete a calendar (refused while a policy or open tickets use it). */
export function DeleteCalendarButton({ calendarId, name }: { calendarId: string; name: string }) {
  return (
    <DeleteButton
      what="calendar"
      name={name}
      consequence="The calendar goes for good. A calendar that a policy or open tickets still use cannot be deleted."
      remove={() => deleteCalendarAction({ calendarId })}
      afterHref="/settings/business-hours"
    />
  );
}

/** Delete a policy (refused while it is the default or a customer has it). */
export function DeletePolicyButton({ policyId, name }: { policyId: string; name: string }) {
  return (
    <DeleteButton
      what="policy"
      name={name}
      consequence="Tickets opened under it keep their targets. The default policy, or one a customer has as their own, cannot be deleted."
      remove={() => deletePolicyAction({ policyId })}
      afterHref="/settings/slas"
    />
  );
}
