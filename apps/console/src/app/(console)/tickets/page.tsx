import { listTickets, ZListTicketsInput } from "@helpline/core";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireTechnician } from "@/modules/auth/session";
import { NewTicketButton } from "@/modules/tickets/components/new-ticket-button";
import { TicketsList } from "@/modules/tickets/components/tickets-list";
import { loadTicketFilterOptions } from "@/modules/tickets/queries";
import { UNASSIGNED_CUSTOMER_FILTER, UNASSIGNED_CUSTOMERS } from "@/modules/tickets/unassigned-customers";

export const metadata: Metadata = { title: "Tickets" };

export default async function TicketsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const technician = await requireTechnician();
  const query = ZListTicketsInput.catch(ZListTicketsInput.parse({})).parse(await searchParams);
  const [tickets, options] = await Promise.all([
    listTickets({ actor: technician, input: query }),
    loadTicketFilterOptions(),
  ]);
  return (
    <>
      <PageHeader
        title={query.customerId === UNASSIGNED_CUSTOMER_FILTER ? `Tickets · ${UNASSIGNED_CUSTOMERS}` : "Tickets"}
        description={
          query.customerId === UNASSIGNED_CUSTOMER_FILTER
            ? "Mail from senders who are not a contact of any customer. Open one and file it under its customer."
            : `Requests from your customers' users, ${query.sort === "due" ? "soonest due first" : "latest activity first"}.`
        }
        actions={<NewTicketButton customers={options.customers} technicians={options.technicians} me={technician.id} />}
      />
      <TicketsList query={query} initial={tickets} customers={options.customers} technicians={options.technicians} />
    </>
  );
}
