import { localeFromTag } from "@helpline/i18n";
import { getPrisma, type Prisma } from "@helpline/db";

/**
 * Takes the Windows display language an agent reported (`tag`, BCP 47 such as "fr-FR"; the
 * check-in's `locale`) as the language of `contactIds`, unless a person chose theirs. One
 * conditional UPDATE, so a report racing a person's choice never overwrites the choice, and a
 * report that changes nothing writes nothing (check-ins repeat it every minute). A tag Helpline
 * has no catalog for ("de-DE") is ignored: the contact keeps following the defaults. Returns how
 * many contacts changed.
 */
export async function recordWindowsLanguage(options: {
  contactIds: readonly string[];
  tag: string | null | undefined;
  db?: Prisma.TransactionClient;
}): Promise<number> {
  const language = localeFromTag(options.tag);
  if (!language || options.contactIds.length === 0) return 0;
  const { count } = await (options.db ?? getPrisma()).contact.updateMany({
    where: {
      id: { in: [...options.contactIds] },
      OR: [{ languageSource: null }, { languageSource: "windows", language: { not: language } }],
    },
    data: { language, languageSource: "windows" },
  });
  return count;
}
