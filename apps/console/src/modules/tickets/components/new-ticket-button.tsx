"use client";
import { TICKET_PRIORITIES } from "@helpline/protocol";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { createTicketAction, listTicketContactsAction } from "../actions";
import { PRIORITY_LABEL } from "../ticket-labels";

type Option = { id: string; name: string };

/**
 * Tickets ▸ New ticket: what a technician writes down during a phone call or for a task of their
 * own — for a customer, optionally one of its contacts (who gets the usual receipt by mail).
 */
export function NewTicketButton({ customers, technicians, me }: { customers: Option[]; technicians: Option[]; me: string }) {
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
      if (!result.ok) return setErrors({ ...result.error.fields, form: result.error.fields ? "" : result.error.message });
      setOpen(false);
      // Lists kept in memory predate the ticket: the next visit renders the server's fresh page.
      queryClient.removeQueries({ queryKey: ["tickets"] });
      toast("success", `Ticket #${result.data.number} created${result.data.receiptTo ? `: the receipt goes to ${result.data.receiptTo}` : ""}.`);
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
      priority: field("priority") as (typeof TICKET_PRIORITIES)[number],
      assigneeId: field("assigneeId") || null,
    });
  }

  const contactHint = customerId === "" ? "Choose a customer first." : contacts.isPending ? "Loading contacts…" : contacts.isError ? "Could not load the contacts." : null;
  return (
    <>
      <Button onClick={start}>New ticket</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New ticket">
        {/* Rendered only while open: its Customer and Priority must not shadow the list's filters. */}
        {open ? <form onSubmit={submit} onChange={clearError} className="space-y-4" noValidate>
          <SelectField label="Customer" name="customerId" value={customerId} onChange={(event) => setCustomerId(event.target.value)} error={errors.customerId} autoFocus>
            <option value="">Choose a customer…</option>
            {customers.map((customer) => <option key={customer.id} value={customer.id}>{customer.name}</option>)}
          </SelectField>
          <div>
            <SelectField label="Contact" name="contactId" key={customerId} disabled={!contacts.data} error={errors.contactId}>
              <option value="">No contact (nobody is mailed)</option>
              {contacts.data?.map((contact) => <option key={contact.id} value={contact.id}>{`${contact.fullName} <${contact.email}>`}</option>)}
            </SelectField>
            {contactHint ? <p className="mt-1 text-xs text-slate-500">{contactHint}</p> : contacts.data?.length === 0 ? <p className="mt-1 text-xs text-slate-500">This customer has no contacts yet: they appear once someone confirms their identity on a device.</p> : null}
          </div>
          <TextField label="Title" name="title" maxLength={200} error={errors.title} />
          <TextAreaField label="Description" name="description" rows={4} maxLength={20_000} error={errors.description} placeholder="What the person said, what you already tried." />
          <div className="grid grid-cols-2 gap-3">
            <SelectField label="Priority" name="priority" defaultValue="medium" error={errors.priority}>
              {TICKET_PRIORITIES.map((priority) => <option key={priority} value={priority}>{PRIORITY_LABEL[priority]}</option>)}
            </SelectField>
            <SelectField label="Assignee" name="assigneeId" defaultValue={me} error={errors.assigneeId}>
              <option value="">Unassigned</option>
              {technicians.map((technician) => <option key={technician.id} value={technician.id}>{technician.name}</option>)}
            </SelectField>
          </div>
          {errors.form ? <p role="alert" className="text-sm text-red-600">{errors.form}</p> : null}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" disabled={mutation.isPending}>{mutation.isPending ? "Creating…" : "Create ticket"}</Button>
          </div>
        </form> : null}
      </Dialog>
    </>
  );
}
