import { CATALOGS } from "@helpline/i18n";
import { getRequestConfig } from "next-intl/server";
import { requestLocale } from "@/modules/portal/portal-locale";

// next-intl without locale routing: one URL per page, the language decided per request
// (requestLocale), the messages the same catalogs the mails and the agent use. Dates are formatted
// by @helpline/i18n in each customer's zone, so next-intl's own zone only keeps it from guessing.
export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: CATALOGS[locale], timeZone: "UTC" };
});
