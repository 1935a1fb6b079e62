import Link from "next/link";
import { UNASSIGNED_CUSTOMERS, UNASSIGNED_CUSTOMERS_HREF } from "../unassigned-customers";

/**
 * A ticket's customer as a link to its page; a ticket from an unknown sender's mail has none yet
 * and links to the Unassigned customers triage list instead.
 */
export function TicketCustomerLink({
  customer,
  className,
}: {
  customer: { id: string; name: string } | null;
  className?: string;
}) {
  const name = customer?.name ?? UNASSIGNED_CUSTOMERS;
  return (
    <Link href={customer ? `/customers/${customer.id}` : UNASSIGNED_CUSTOMERS_HREF} className={className} title={name}>
      {name}
    </Link>
  );
}
