import { getPrisma, type Prisma } from "@helpline/db";
import { GENERAL_SETTINGS_KEYS } from "../settings/get-general-settings.ts";
import { DEFAULT_SLA_POLICY_KEY } from "../sla/sla-calendar-row.ts";
import { isTimeZone, serverTimeZone } from "../time/time-zone.ts";

/**
 * The IANA zone a customer's end users read times in (mails, Customer Portal): the calendar of the
 * customer's own SLA policy, else of the default policy, else the MSP's zone (Settings ▸ General ▸
 * Time zone, itself defaulting to the server's). `customerId` null (a stranger's mail ticket) goes
 * straight to the default policy. `db` is the caller's transaction when there is one: inside a
 * transaction every read must go through it (the embedded database serves one at a time).
 * Never throws for missing rows; a stored zone this runtime no longer knows is skipped.
 */
export async function getCustomerTimeZone(options: {
  customerId: string | null;
  db?: Prisma.TransactionClient;
}): Promise<string> {
  const db = options.db ?? getPrisma();
  if (options.customerId) {
    const customer = await db.customer.findUnique({
      where: { id: options.customerId },
      select: { slaPolicy: { select: { calendar: { select: { timeZone: true } } } } },
    });
    const own = customer?.slaPolicy?.calendar.timeZone;
    if (own && isTimeZone(own)) return own;
  }
  const settings = await db.systemSetting.findMany({
    where: { key: { in: [DEFAULT_SLA_POLICY_KEY, GENERAL_SETTINGS_KEYS.timeZone] } },
    select: { key: true, value: true },
  });
  const setting = (key: string) => settings.find((row) => row.key === key)?.value;
  const defaultPolicyId = setting(DEFAULT_SLA_POLICY_KEY);
  if (defaultPolicyId) {
    // The setting is free text: an id that is no uuid would make PostgreSQL refuse the query.
    const policy = /^[0-9a-f-]{36}$/i.test(defaultPolicyId)
      ? await db.slaPolicy.findUnique({
          where: { id: defaultPolicyId },
          select: { calendar: { select: { timeZone: true } } },
        })
      : null;
    const zone = policy?.calendar.timeZone;
    if (zone && isTimeZone(zone)) return zone;
  }
  const msp = setting(GENERAL_SETTINGS_KEYS.timeZone);
  return msp && isTimeZone(msp) ? msp : serverTimeZone();
}
