"use client";
import { TICKET_PRIORITIES } from "@helpline/protocol";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { CustomerOptions } from "./customer-options";
import { useNewTicket } from "../hooks/use-new-ticket";
import { PRIORITY_LABEL } from "../ticket-labels";

type Option = { id: string; name: string };

/**
 * Tickets ▸ New ticket: what a technician writes down during a phone call or for a task of their
 * own — for a customer, optionally one of its contacts (who gets the usual receipt by mail).
 */
export function NewTicketButton({
  customers,
  technicians,
  me,
}: {
  customers: Option[];
  technicians: Option[];
  me: string;
}) {
  const { open, start, close, customerId, setCustomerId, contacts, errors, clearError, submit, creating } =
    useNewTicket();

  const contactHint =
    customerId === ""
      ? "Choose a customer first."
      : contacts.isPending
        ? "Loading contacts…"
        : contacts.isError
          ? "Could not load the contacts."
          : null;
  return (
    <>
      <Button onClick={start}>New ticket</Button>
      <Dialog open={open} onClose={close} title="New ticket">
        {/* Rendered only while open: its Customer and Priority must not shadow the list's filters. */}
        {open ? (
          <form onSubmit={submit} onChange={clearError} className="space-y-4" noValidate>
            <SelectField
              label="Customer"
              name="customerId"
              value={customerId}
              onChange={(event) => setCustomerId(event.target.value)}
              error={errors.customerId}
              autoFocus
            >
              <CustomerOptions customers={customers} />
            </SelectField>
            <div>
              <SelectField
                label="Contact"
                name="contactId"
                key={customerId}
                disabled={!contacts.data}
                error={errors.contactId}
              >
                <option value="">No contact (nobody is mailed)</option>
                {contacts.data?.map((contact) => (
                  <option key={contact.id} value={contact.id}>{`${contact.fullName} <${contact.email}>`}</option>
                ))}
              </SelectField>
              {contactHint ? (
                <p className="mt-1 text-xs text-slate-500">{contactHint}</p>
              ) : contacts.data?.length === 0 ? (
                <p className="mt-1 text-xs text-slate-500">
                  This customer has no contacts yet: they appear once someone confirms their identity on a device.
                </p>
              ) : null}
            </div>
            <TextField label="Title" name="title" maxLength={200} error={errors.title} />
            <TextAreaField
              label="Description"
              name="description"
              rows={4}
              maxLength={20_000}
              error={errors.description}
              placeholder="What the person said, what you already tried."
            />
            <div className="grid grid-cols-2 gap-3">
              <SelectField label="Priority" name="priority" defaultValue="medium" error={errors.priority}>
                {TICKET_PRIORITIES.map((priority) => (
                  <option key={priority} value={priority}>
                    {PRIORITY_LABEL[priority]}
                  </option>
                ))}
              </SelectField>
              <SelectField label="Assignee" name="assigneeId" defaultValue={me} error={errors.assigneeId}>
                <option value="">Unassigned</option>
                {technicians.map((technician) => (
                  <option key={technician.id} value={technician.id}>
                    {technician.name}
                  </option>
                ))}
              </SelectField>
            </div>
            {errors.form ? (
              <p role="alert" className="text-sm text-red-600">
                {errors.form}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={creating}>
                {creating ? "Creating…" : "Create ticket"}
              </Button>
            </div>
          </form>
        ) : null}
      </Dialog>
    </>
  );
}
