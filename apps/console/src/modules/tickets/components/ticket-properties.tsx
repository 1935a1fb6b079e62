"use client";
import type { TTicketPriority, TTicketStatus } from "@helpline/protocol";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { SelectField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { updateTicketAction } from "../actions";
import { PRIORITY_LABEL, STATUS_LABEL } from "../ticket-labels";

type Values = { status: TTicketStatus; priority: TTicketPriority; assigneeId: string | null };
type Change = { status: TTicketStatus } | { priority: TTicketPriority } | { assigneeId: string | null };

/** Status, Priority and Assignee: each saves as soon as it changes, and says so. */
export function TicketProperties({
  ticketId,
  initial,
  assignees,
}: {
  ticketId: string;
  initial: Values;
  assignees: { id: string; name: string }[];
}) {
  const [values, setValues] = useState(initial);
  const toast = useToast();
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: (change: Change) => updateTicketAction({ ticketId, ...change }),
    onMutate: (change) => {
      const before = values;
      setValues((current) => ({ ...current, ...change }));
      return { before };
    },
    onSuccess: (result, change, context) => {
      if (!result.ok) {
        setValues(context.before);
        toast("error", result.error.message);
        return;
      }
      if ("status" in change) toast("success", `Status changed to ${STATUS_LABEL[change.status]}`);
      else if ("priority" in change) toast("success", `Priority changed to ${PRIORITY_LABEL[change.priority]}`);
      else toast("success", result.data.assignee ? `Assigned to ${result.data.assignee.name}` : "Ticket unassigned");
      router.refresh();
    },
    onError: (_error, _change, context) => {
      if (context) setValues(context.before);
      toast("error", "Could not save the change. Try again.");
    },
  });

  return (
    <div className="space-y-3">
      <SelectField
        label="Status"
        value={values.status}
        disabled={mutation.isPending}
        onChange={(event) => mutation.mutate({ status: event.target.value as TTicketStatus })}
      >
        {(Object.keys(STATUS_LABEL) as TTicketStatus[]).map((status) => (
          <option key={status} value={status}>
            {STATUS_LABEL[status]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Priority"
        value={values.priority}
        disabled={mutation.isPending}
        onChange={(event) => mutation.mutate({ priority: event.target.value as TTicketPriority })}
      >
        {(Object.keys(PRIORITY_LABEL) as TTicketPriority[]).map((priority) => (
          <option key={priority} value={priority}>
            {PRIORITY_LABEL[priority]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Assignee"
        value={values.assigneeId ?? ""}
        disabled={mutation.isPending}
        onChange={(event) => mutation.mutate({ assigneeId: event.target.value || null })}
      >
        <option value="">Unassigned</option>
        {assignees.map((technician) => (
          <option key={technician.id} value={technician.id}>
            {technician.name}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
