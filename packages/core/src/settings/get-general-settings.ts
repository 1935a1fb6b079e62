import { DEFAULT_LOCALE, isLocale, type Locale } from "@helpline/i18n";
import { getPrisma, type Prisma } from "@helpline/db";
import { MSP_LANGUAGE_KEY } from "../languages/get-msp-language.ts";
import { isTimeZone, serverTimeZone } from "../time/time-zone.ts";

export const GENERAL_SETTINGS_KEYS = { timeZone: "general.timeZone", language: MSP_LANGUAGE_KEY } as const;

/**
 * Settings ▸ General as stored: `timeZone` is the MSP's IANA zone, in which the console shows
 * times and the default business-hours calendar opens; unset (or no longer a known zone) it is the
 * server's zone. `language` is the end users' default language (English while unset). `db` is the
 * caller's transaction when there is one.
 */
export async function getGeneralSettings(
  options: { db?: Prisma.TransactionClient } = {},
): Promise<{ timeZone: string; language: Locale }> {
  const rows = await (options.db ?? getPrisma()).systemSetting.findMany({
    where: { key: { in: [GENERAL_SETTINGS_KEYS.timeZone, GENERAL_SETTINGS_KEYS.language] } },
    select: { key: true, value: true },
  });
  const value = (key: string) => rows.find((row) => row.key === key)?.value;
  const timeZone = value(GENERAL_SETTINGS_KEYS.timeZone);
  const language = value(GENERAL_SETTINGS_KEYS.language);
  return {
    timeZone: timeZone && isTimeZone(timeZone) ? timeZone : serverTimeZone(),
    language: isLocale(language) ? language : DEFAULT_LOCALE,
  };
}
