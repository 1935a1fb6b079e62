import { getPrisma, type Prisma } from "@helpline/db";
import { STORABLE_TEXT, TICKET_STATUSES } from "@helpline/protocol";
import { z } from "zod";
import { ticketSearchWhere } from "../tickets/ticket-search-where.ts";
import { portalTicketScope, type PortalContact } from "./portal-contact.ts";

const PORTAL_PAGE_SIZE = 50;

export const ZListPortalTicketsInput = z.object({
  status: z.enum(["all", ...TICKET_STATUSES]).catch("all").default("all"),
  search: z.string().trim().max(200).regex(STORABLE_TEXT).catch("").default(""),
  // A main contact sees their own tickets or the whole customer's; others only ever their own.
  view: z.enum(["mine", "customer"]).catch("mine").default("mine"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type TListPortalTicketsInput = z.infer<typeof ZListPortalTicketsInput>;

/** My tickets in the Customer Portal: filtered, searched, latest activity first. */
export async function listPortalTickets(options: { contact: PortalContact; input: TListPortalTicketsInput }) {
  const { contact, input } = options;
  const where: Prisma.TicketWhereInput = {
    ...portalTicketScope(contact, input.view),
    ...(input.status === "all" ? {} : { status: input.status }),
    ...ticketSearchWhere(input.search),
  };
  const rows = await getPrisma().ticket.findMany({
    where,
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    skip: (input.page - 1) * PORTAL_PAGE_SIZE,
    take: PORTAL_PAGE_SIZE + 1,
    select: { id: true, number: true, title: true, status: true, updatedAt: true, createdAt: true, contact: { select: { fullName: true } } },
  });
  return { tickets: rows.slice(0, PORTAL_PAGE_SIZE), hasMore: rows.length > PORTAL_PAGE_SIZE, page: input.page };
}
