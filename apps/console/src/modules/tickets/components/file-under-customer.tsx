"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { assignTicketCustomerAction } from "../actions";
import { CustomerOptions } from "./customer-options";

/**
 * Triage of a ticket from an unknown sender: choose the customer it belongs to; the requester
 * becomes (or is found as) that customer's contact. Another technician filing it first is said
 * as such (409) and the page shows where it went.
 */
export function FileUnderCustomer({
  ticketId,
  requester,
  customers,
}: {
  ticketId: string;
  requester: string | null;
  customers: { id: string; name: string }[];
}) {
  const [customerId, setCustomerId] = useState("");
  const [error, setError] = useState<string>();
  const toast = useToast();
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: () => assignTicketCustomerAction({ ticketId, customerId }),
    onSuccess: (result) => {
      if (!result.ok) {
        setError(result.error.fields?.customerId ?? result.error.message);
        if (result.error.code === "already_filed") router.refresh();
        return;
      }
      const { customer, contact } = result.data;
      toast(
        "success",
        contact ? `Filed under ${customer.name}; ${contact.fullName} is its contact` : `Filed under ${customer.name}`,
      );
      router.refresh();
    },
    onError: () => setError("Could not file the ticket. Try again."),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    if (!customerId) {
      setError("Choose a customer.");
      return;
    }
    mutation.mutate();
  }
  return (
    <form onSubmit={submit} className="space-y-3">
      <p className="text-sm text-slate-600">
        {requester ? `${requester} is not a contact of any customer yet.` : "This ticket has no customer yet."} Filing
        it makes them a contact of the customer you choose.
      </p>
      <SelectField
        label="Customer"
        value={customerId}
        error={error}
        disabled={mutation.isPending}
        onChange={(event) => setCustomerId(event.target.value)}
      >
        <CustomerOptions customers={customers} />
      </SelectField>
      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? "Filing…" : "File under customer"}
      </Button>
    </form>
  );
}
