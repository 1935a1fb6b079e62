import { Prisma } from "@helpline/db";
import { DomainError } from "../errors.ts";

/**
 * Turns the database's refusals of a calendar or policy write into what the form shows: the unique
 * name (P2002) → 409 `name_taken` at `name`; a policy's calendar deleted meanwhile (P2003) → 422
 * `calendar_not_found` at `calendarId`; the row itself gone (P2025) → 404 `not_found`. Anything else
 * is thrown on. The unique index and the foreign keys decide, so two admins racing get one winner.
 */
export function slaWriteError(error: unknown, what: "calendar" | "policy", name: string): unknown {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return error;
  if (error.code === "P2002") {
    const message = `A ${what} named “${name}” already exists.`;
    return new DomainError("name_taken", message, 409, { fields: { name: message } });
  }
  if (error.code === "P2003" && what === "policy") {
    const message = "This calendar no longer exists. Choose another.";
    return new DomainError("calendar_not_found", message, 422, { fields: { calendarId: message } });
  }
  if (error.code === "P2025") return new DomainError("not_found", `This ${what} no longer exists.`, 404);
  return error;
}
