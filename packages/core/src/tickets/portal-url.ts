/** Where a contact follows a ticket in the Customer Portal. */
export function ticketPortalUrl(publicUrl: string, number: number): string {
  return `${publicUrl.replace(/\/+$/, "")}/portal/tickets/${number}`;
}
