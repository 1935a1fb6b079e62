import { getGeneralSettings } from "@helpline/core";
import { cache } from "react";

/**
 * The MSP's IANA zone (Settings ▸ General ▸ Time zone), for server components that write times
 * into text; read once per request however many ask. Client components use `useTimeZone()`.
 */
export const consoleTimeZone = cache(async (): Promise<string> => (await getGeneralSettings()).timeZone);
