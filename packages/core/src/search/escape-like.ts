/**
 * `text` as a literal inside a LIKE pattern, for Prisma's `contains` / `startsWith` / `endsWith`:
 * Prisma hands the value to PostgreSQL's LIKE unescaped, so a search for "%" or "_" would match
 * everything. Backslash is PostgreSQL's default LIKE escape character, so it is escaped first.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}
