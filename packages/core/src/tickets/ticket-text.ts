import { STORABLE_TEXT } from "@helpline/protocol";
import { z } from "zod";

/** Text people type into a ticket (title, description): trimmed, bounded, and storable. */
export const ticketText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be at most ${max.toLocaleString("en")} characters.`)
    .regex(STORABLE_TEXT, `${what} contains characters we cannot store.`);
