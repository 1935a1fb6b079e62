"use client";
import type { TTicketPriority } from "@helpline/protocol";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useToast } from "@/components/ui/toaster";
import { createTicketAction, listTicketContactsAction } from "../actions";

/**
 * The state behind Tickets ▸ New ticket: whether the dialog is `open` (`start` opens it blank), the
 * chosen `customerId` and its `contacts` (loaded once a customer is chosen), the `errors` by field
 * name (`form` for a refusal not tied to a field), and `submit`, which creates the ticket from the
 * form's fields, then toasts, drops the cached ticket lists and opens the new ticket.
 */
export function useNewTicket() {
  const [open, setOpen] = useState(false);
  const [customerId, setCustomerId] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const contacts = useQuery({
    queryKey: ["ticket-contacts", customerId],
    enabled: open && customerId !== "",
    queryFn: async () => {
      const result = await listTicketContactsAction({ customerId });
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
  });
  const mutation = useMutation({
    mutationFn: createTicketAction,
    onSuccess: (result) => {
      if (!result.ok)
        return setErrors({ ...result.error.fields, form: result.error.fields ? "" : result.error.message });
      setOpen(false);
      // Lists kept in memory predate the ticket: the next visit renders the server's fresh page.
      queryClient.removeQueries({ queryKey: ["tickets"] });
      toast(
        "success",
        `Ticket #${result.data.number} created${result.data.receiptTo ? `: the receipt goes to ${result.data.receiptTo}` : ""}.`,
      );
      router.push(`/tickets/${result.data.number}`);
    },
    onError: () => toast("error", "Could not create the ticket. Try again."),
  });

  function start() {
    setErrors({});
    setCustomerId("");
    setOpen(true);
  }
  // A field's message goes as soon as the field is changed.
  function clearError(event: FormEvent<HTMLFormElement>) {
    const name = (event.target as HTMLInputElement).name;
    if (errors[name]) setErrors(({ [name]: _cleared, ...rest }) => rest);
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? "");
    mutation.mutate({
      customerId: field("customerId"),
      contactId: field("contactId") || null,
      title: field("title"),
      description: field("description"),
      priority: field("priority") as TTicketPriority,
      assigneeId: field("assigneeId") || null,
    });
  }

  return {
    open,
    start,
    close: () => setOpen(false),
    customerId,
    setCustomerId,
    contacts,
    errors,
    clearError,
    submit,
    creating: mutation.isPending,
  };
}
