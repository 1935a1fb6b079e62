// Time zones and how times are written for people: no database, no Node-only module, so the
// console's client components import it (`@helpline/core/time`) as well as the server.
export { isTimeZone, serverTimeZone } from "./time-zone.ts";
export { formatZonedDateTime, formatZonedDay, zoneAbbreviation } from "@helpline/i18n";
