"use server";
import {
  addTicketNote,
  assignTicketCustomer,
  createConsoleTicket,
  listContacts,
  listTickets,
  replyToTicket,
  updateTicket,
  ZAssignTicketCustomerInput,
  ZCustomerRef,
  ZListTicketsInput,
  ZNewConsoleTicketInput,
  ZTicketMessageInput,
  ZUpdateTicketInput,
} from "@helpline/core";
import { revalidatePath } from "next/cache";
import { publicUrl } from "@/lib/public-url";
import { withTechnician } from "@/modules/auth/with-technician";

/** The Tickets list refreshes through this every 15 s, so new tickets and changes show up by themselves. */
export const listTicketsAction = withTechnician(ZListTicketsInput, async ({ technician, input }) =>
  listTickets({ actor: technician, input }),
);

export const createTicketAction = withTechnician(ZNewConsoleTicketInput, async ({ technician, input }) => {
  const result = await createConsoleTicket({ actor: technician, input, publicUrl: await publicUrl() });
  revalidatePath("/tickets", "layout");
  return result;
});

/** The New ticket dialog's Contact choices, once a customer is chosen. */
export const listTicketContactsAction = withTechnician(ZCustomerRef, async ({ input }) =>
  (await listContacts({ input })).map(({ id, fullName, email }) => ({ id, fullName, email })),
);

export const replyToTicketAction = withTechnician(ZTicketMessageInput, async ({ technician, input }) => {
  const result = await replyToTicket({ actor: technician, input, publicUrl: await publicUrl() });
  revalidatePath("/tickets", "layout");
  return result;
});

export const addTicketNoteAction = withTechnician(ZTicketMessageInput, async ({ technician, input }) => {
  const result = await addTicketNote({ actor: technician, input });
  revalidatePath("/tickets", "layout");
  return result;
});

export const updateTicketAction = withTechnician(ZUpdateTicketInput, async ({ technician, input }) => {
  const result = await updateTicket({ actor: technician, input });
  if (result.changed) revalidatePath("/tickets", "layout");
  return result;
});

/** Unassigned customers ▸ File under customer: 409 when another technician filed it first. */
export const assignTicketCustomerAction = withTechnician(ZAssignTicketCustomerInput, async ({ technician, input }) => {
  const result = await assignTicketCustomer({ actor: technician, input });
  revalidatePath("/tickets", "layout");
  revalidatePath(`/customers/${result.customer.id}`);
  return result;
});
