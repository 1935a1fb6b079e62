import { getPrisma, type Prisma } from "@helpline/db";
import { TICKET_STATUSES } from "@helpline/protocol";
import type { TechnicianActor } from "../actor.ts";
import { DomainError } from "../errors.ts";
import { decodeTicketCursor, keysetPage, ticketKeysetWhere, ticketPage } from "./ticket-cursor.ts";
import { decodeTicketDueCursor, encodeTicketDueCursor, ticketDueRanges } from "./ticket-due-cursor.ts";
import type { TListTicketsInput, TSlaFilter } from "./ticket-input.ts";
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

/**
 * The SLA filter on the running target's due and warning times (Ticket.slaDueAt, .slaWarnAt) at
 * `now`: read from the Ticket(slaDueAt, id) index; a ticket without a running clock matches none.
 */
function slaWhere(sla: TSlaFilter | undefined, now: Date): Prisma.TicketWhereInput {
  switch (sla) {
    case "breached":
      return { slaDueAt: { lte: now } };
    case "due_soon":
      return { slaDueAt: { gt: now }, slaWarnAt: { lte: now } };
    case "on_track":
      return { slaDueAt: { gt: now }, slaWarnAt: { gt: now } };
    default:
      return {};
  }
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
  // The Due column: the running target's due and warning times (null: no clock runs), and
  // whether the ticket has SLA targets at all (a Pending one with targets is Paused).
  slaDueAt: true,
  slaWarnAt: true,
  slaTargets: true,
} satisfies Prisma.TicketSelect;

type TicketRow = Prisma.TicketGetPayload<{ select: typeof ROW_SELECT }>;

const newestFirst = (a: { updatedAt: Date; id: string }, b: { updatedAt: Date; id: string }) =>
  b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

// What a row says of its SLA: the targets themselves stay on the ticket page.
const row = ({ slaTargets, ...ticket }: TicketRow) => ({ ...ticket, hasSla: slaTargets !== null });

/**
 * The Tickets list: filtered, 50 a page by keyset, so page 400 costs what page 1 does. Sorted by
 * `updated` (latest activity first; a cursor holds the last row's updatedAt and id) or by `due`
 * (the running target's `slaDueAt` soonest first, tickets without a running clock last, then by id;
 * the cursor holds slaDueAt and id). The SLA filter (`sla`) compares slaDueAt/slaWarnAt with `now`
 * (default: the current time). Rows carry `slaDueAt`/`slaWarnAt` (UTC instants, null when no clock
 * runs) and `hasSla`. A cursor that is not ours (edited, from an older version, of the other sort)
 * starts again at the first page, or, with `refuseBadCursor` (the REST API), is refused: 400
 * `invalid_cursor`. `pageSize` (default 50) is how many rows a page holds.
 */
export async function listTickets(options: {
  actor: TechnicianActor;
  input: TListTicketsInput;
  now?: Date;
  pageSize?: number;
  refuseBadCursor?: boolean;
}) {
  const { actor, input } = options;
  const now = options.now ?? new Date();
  const paging: Paging = {
    pageSize: options.pageSize ?? TICKET_PAGE_SIZE,
    checkCursor: (cursor) => {
      if (input.cursor && !cursor && options.refuseBadCursor) throw invalidCursor();
    },
  };
  const where: Prisma.TicketWhereInput = { AND: [filterWhere(input, actor), slaWhere(input.sla, now)] };
  const page = input.sort === "due" ? await listByDue(input, where, paging) : await listByUpdated(input, where, paging);
  return { ...page, tickets: page.tickets.map(row), pageSize: paging.pageSize };
}

// `pageSize`: the console's 50 or what an API caller asked for. `refuseBadCursor`: the API says a
// cursor it cannot read is wrong (400) where the console quietly starts at the first page.
type Paging = { pageSize: number; checkCursor: (decoded: unknown) => void };

const invalidCursor = () =>
  new DomainError("invalid_cursor", "This cursor is not one this list gave out: start again without it.", 400, {
    fields: { cursor: "Not a cursor of this list." },
  });

/**
 * By due time: one statement per index range (the due tickets, then those without a clock), the
 * second only when the first did not fill the page. Status is a filter here, not a range: the
 * (slaDueAt, id) index does not hold it.
 */
async function listByDue(input: TListTicketsInput, where: Prisma.TicketWhereInput, paging: Paging) {
  const cursor = input.cursor ? await decodeTicketDueCursor(input.cursor, CONSOLE_SCOPE) : null;
  paging.checkCursor(cursor);
  const take = paging.pageSize + 1;
  const status = input.status.length === TICKET_STATUSES.length ? {} : { status: { in: input.status } };
  const window: TicketRow[] = [];
  for (const range of ticketDueRanges(cursor, !input.sla)) {
    if (window.length >= take) break;
    window.push(
      ...(await getPrisma().ticket.findMany({
        where: { AND: [where, status, range.where] },
        orderBy: range.orderBy,
        take: take - window.length,
        select: ROW_SELECT,
      })),
    );
  }
  if (cursor?.direction === "previous") window.reverse();
  return keysetPage(window, {
    pageSize: paging.pageSize,
    cursor,
    encode: (ticket, direction) => encodeTicketDueCursor(ticket, direction, CONSOLE_SCOPE),
  });
}

/**
 * Latest activity first. Several statuses are read as one index range each and merged, because
 * one IN over statuses cannot be read in order from the (…, status, updatedAt, id) indexes and
 * would sort every matching ticket; with an SLA filter it is one statement (only tickets with a
 * running clock match, and a Pending range would be read to its end for none).
 */
async function listByUpdated(input: TListTicketsInput, where: Prisma.TicketWhereInput, paging: Paging) {
  const cursor = input.cursor ? await decodeTicketCursor(input.cursor, CONSOLE_SCOPE) : null;
  paging.checkCursor(cursor);
  const backwards = cursor?.direction === "previous";
  const direction = backwards ? "asc" : "desc";
  const base: Prisma.TicketWhereInput = { AND: [where, ticketKeysetWhere(cursor)] };
  const statusParts: Prisma.TicketWhereInput[] =
    input.status.length === TICKET_STATUSES.length
      ? [{}]
      : input.sla
        ? [{ status: { in: input.status } }]
        : input.status.map((status) => ({ status }));
  const prisma = getPrisma();
  const order = [{ updatedAt: direction }, { id: direction }] as const;
  const take = paging.pageSize + 1;
  let window: TicketRow[];
  if (statusParts.length === 1) {
    window = await prisma.ticket.findMany({
      where: { AND: [base, statusParts[0]!] },
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
            where: { AND: [base, status] },
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
  return ticketPage(window, { pageSize: paging.pageSize, cursor, scope: CONSOLE_SCOPE });
}
