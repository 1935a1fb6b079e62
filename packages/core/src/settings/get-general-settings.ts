import { getPrisma } from "@helpline/db";
import { isTimeZone, serverTimeZone } from "../time/time-zone.ts";

export const GENERAL_SETTINGS_KEYS = { timeZone: "general.timeZone" } as const;

/**
 * Settings ▸ General as stored: `timeZone` is the MSP's IANA zone, in which the console shows
 * times and the default business-hours calendar opens; unset (or no longer a known zone) it is the
 * server's zone.
 */
export async function getGeneralSettings(): Promise<{ timeZone: string }> {
  const row = await getPrisma().systemSetting.findUnique({ where: { key: GENERAL_SETTINGS_KEYS.timeZone } });
  return { timeZone: row && isTimeZone(row.value) ? row.value : serverTimeZone() };
}
