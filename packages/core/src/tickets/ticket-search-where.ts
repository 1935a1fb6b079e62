import type { Prisma } from "@helpline/db";
import { escapeLike } from "../search/escape-like.ts";

const TICKET_NUMBER = /^#?(\d{1,9})$/;

/** What a ticket search box means: "1042" or "#1042" is that ticket; anything else is in a title. */
export function ticketSearchWhere(search: string): Prisma.TicketWhereInput {
  const number = TICKET_NUMBER.exec(search)?.[1];
  if (number) return { number: Number(number) };
  return search ? { title: { contains: escapeLike(search), mode: "insensitive" } } : {};
}
