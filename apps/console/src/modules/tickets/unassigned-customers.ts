/**
 * What the console calls the missing customer of a ticket opened by an unknown sender's mail, and
 * the triage list of such tickets (Tickets ▸ Unassigned customers).
 */
export const UNASSIGNED_CUSTOMERS = "Unassigned customers";
export const UNASSIGNED_CUSTOMER_FILTER = "unassigned";
export const UNASSIGNED_CUSTOMERS_HREF = `/tickets?customerId=${UNASSIGNED_CUSTOMER_FILTER}`;
