import { getPrisma, type Prisma } from "@helpline/db";
import { TICKET_STATUSES } from "@helpline/protocol";
import type { TechnicianActor } from "../actor.ts";
import { decodeTicketCursor, ticketKeysetWhere, ticketPage } from "./ticket-cursor.ts";
import type { TListTicketsInput } from "./ticket-input.ts";
import { ticketSearchWhere } from "./ticket-search-where.ts";

const TICKET_PAGE_SIZE = 50;

// Every technician sees every ticket, so a console cursor is not bound to one of them.
const CONSOLE_SCOPE = "console";

function filterWhere(input: TListTicketsInput, actor: TechnicianActor): Prisma.TicketWhereInput {
  return {
    ...(input.customerId === "unassigned"
      ? { customerId: null }
      : input.customerId
        ? { customerId: input.customerId }
        : {}),
    ...(input.priority ? { priority: input.priority } : {}),
    ...(input.assignee === "me"
      ? { assigneeId: actor.id }
      : input.assignee === "unassigned"
        ? { assigneeId: null }
        : input.assignee
          ? { assigneeId: input.assignee }
          : {}),
    ...ticketSearchWhere(input.search),
  };
}

const ROW_SELECT = {
  id: true,
  number: true,
  title: true,
  status: true,
  priority: true,
  updatedAt: true,
  customer: { select: { id: true, name: true } },
  contact: { select: { fullName: true, email: true } },
  // Who wrote in, for a ticket from an unknown sender's mail (no contact yet).
  requesterName: true,
  requesterEmail: true,
  device: { select: { id: true, hostname: true } },
  assignee: { select: { id: true, name: true } },
} satisfies Prisma.TicketSelect;

type TicketRow = Prisma.TicketGetPayload<{ select: typeof ROW_SELECT }>;

const newestFirst = (a: { updatedAt: Date; id: string }, b: { updatedAt: Date; id: string }) =>
  b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * The Tickets list: filtered, latest activity first, 50 a page by keyset (a cursor holds the
 * last row's updatedAt and id), so page 400 costs what page 1 does. Several statuses are read as
 * one index range each and merged, because one IN over statuses cannot be read in order from
 * the (…, status, updatedAt, id) indexes and would sort every matching ticket.
 */
export async function listTickets(options: { actor: TechnicianActor; input: TListTicketsInput }) {
  const { actor, input } = options;
  // A cursor that is not ours (edited, or from an older version) starts again at the first page.
  const cursor = input.cursor ? await decodeTicketCursor(input.cursor, CONSOLE_SCOPE) : null;
  const backwards = cursor?.direction === "previous";
  const direction = backwards ? "asc" : "desc";
  const base = { ...filterWhere(input, actor), ...ticketKeysetWhere(cursor) };
  const everyStatus = input.status.length === TICKET_STATUSES.length;
  const statusParts: Prisma.TicketWhereInput[] = everyStatus ? [{}] : input.status.map((status) => ({ status }));
  const prisma = getPrisma();
  const order = [{ updatedAt: direction }, { id: direction }] as const;
  const take = TICKET_PAGE_SIZE + 1;
  let window: TicketRow[];
  if (statusParts.length === 1) {
    window = await prisma.ticket.findMany({
      where: { ...base, ...statusParts[0] },
      orderBy: [...order],
      take,
      select: ROW_SELECT,
    });
    if (backwards) window.reverse();
  } else {
    // Keys first (the columns the indexes hold), then rows and relations for one page only.
    const keys = (
      await Promise.all(
        statusParts.map((status) =>
          prisma.ticket.findMany({
            where: { ...base, ...status },
            orderBy: [...order],
            take,
            select: { id: true, updatedAt: true },
          }),
        ),
      )
    )
      .flat()
      .sort(newestFirst);
    // Reading backwards, the rows nearest the cursor are the last ones of newest-first order.
    const chosen = new Set((backwards ? keys.slice(-take) : keys.slice(0, take)).map((key) => key.id));
    window = (await prisma.ticket.findMany({ where: { id: { in: [...chosen] } }, select: ROW_SELECT })).sort(
      newestFirst,
    );
  }
  return {
    ...(await ticketPage(window, { pageSize: TICKET_PAGE_SIZE, cursor, scope: CONSOLE_SCOPE })),
    pageSize: TICKET_PAGE_SIZE,
  };
}
