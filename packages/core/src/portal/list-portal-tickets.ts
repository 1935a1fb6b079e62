import { getPrisma, type Prisma } from "@helpline/db";
import { DomainError } from "../errors.ts";
import { expectedFirstReply } from "../tickets/expected-first-reply.ts";
import { decodeTicketCursor, ticketKeysetWhere, ticketPage } from "../tickets/ticket-cursor.ts";
import { ticketSearchWhere } from "../tickets/ticket-search-where.ts";
import { portalTicketScope, type PortalContact } from "./portal-contact.ts";
import { INVALID_PORTAL_CURSOR, type TListPortalTicketsInput } from "./portal-input.ts";

const PORTAL_PAGE_SIZE = 50;

// A cursor serves the contact it was made for, in the view it was made in.
const cursorScope = (contact: PortalContact, view: TListPortalTicketsInput["view"]) => `portal:${contact.id}:${view}`;

const ROW_SELECT = {
  id: true,
  number: true,
  title: true,
  status: true,
  updatedAt: true,
  createdAt: true,
  contact: { select: { fullName: true } },
  firstRespondedAt: true,
  firstResponseDueAt: true,
  slaCalendar: { select: { timeZone: true } },
} satisfies Prisma.TicketSelect;
type PortalTicketRow = Prisma.TicketGetPayload<{ select: typeof ROW_SELECT }>;

/**
 * My tickets in the Customer Portal: filtered, searched, latest activity first, 50 a page by keyset
 * (as the console's Tickets list), so a ticket that arrives while someone pages is never shown twice
 * and none is skipped. Returns the page and signed cursors for the pages before and after it; each
 * row says when the first reply is due (`firstReplyDue`, see expectedFirstReply: null when no
 * promise can be made) and nothing else of the SLA.
 * Throws DomainError `invalid_cursor` (400) for a cursor that was edited or made for someone else.
 */
export async function listPortalTickets(options: { contact: PortalContact; input: TListPortalTicketsInput }) {
  const { contact, input } = options;
  const scope = cursorScope(contact, input.view);
  const cursor = input.cursor ? await decodeTicketCursor(input.cursor, scope) : null;
  if (input.cursor && !cursor) throw new DomainError("invalid_cursor", INVALID_PORTAL_CURSOR);
  const backwards = cursor?.direction === "previous";
  const where: Prisma.TicketWhereInput = {
    ...portalTicketScope(contact, input.view),
    ...(input.status === "all" ? {} : { status: input.status }),
    ...ticketSearchWhere(input.search),
    ...ticketKeysetWhere(cursor),
  };
  const direction = backwards ? "asc" : "desc";
  const window: PortalTicketRow[] = await getPrisma().ticket.findMany({
    where,
    orderBy: [{ updatedAt: direction }, { id: direction }],
    take: PORTAL_PAGE_SIZE + 1,
    select: ROW_SELECT,
  });
  if (backwards) window.reverse();
  const page = await ticketPage(window, { pageSize: PORTAL_PAGE_SIZE, cursor, scope });
  const now = new Date();
  return {
    ...page,
    tickets: page.tickets.map(({ firstRespondedAt, firstResponseDueAt, slaCalendar, ...ticket }) => ({
      ...ticket,
      firstReplyDue: expectedFirstReply(
        { status: ticket.status, firstRespondedAt, firstResponseDueAt, slaCalendar },
        now,
      ),
    })),
  };
}
