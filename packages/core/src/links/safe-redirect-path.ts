// Stands in for the site when the caller has no public URL at hand: then only paths can match it.
const ANY_SITE = "http://helpline.invalid";
const MAX_TARGET_LENGTH = 2048;

/**
 * The one rule for "go back to where you were" (sign-in `next`, Auth.js `callbackUrl`, portal
 * links): returns a path on this site (`/tickets?status=open`) that is safe to put in a redirect,
 * or `fallback` when `target` is anything else. Never throws.
 *
 * `target` is resolved the way a browser resolves it, against `origin` (the public URL; without
 * one only paths are accepted), and must keep that origin. Browsers treat `\` like `/`, drop tabs
 * and newlines and collapse `..`, so `/\evil.example/`, `/\t/evil.example/` and
 * `/..//evil.example/` all mean `//evil.example/`, another site: a normalised path that starts
 * with `//` or `/\` (also percent-encoded) is refused for that reason. `within` limits the answer
 * to one part of the site, e.g. `/portal`. The answer is the normalised form, so what is checked
 * is exactly what is sent.
 */
export function safeRedirectPath(
  target: unknown,
  options: { fallback: string; origin?: string; within?: string },
): string {
  const { fallback, within } = options;
  if (typeof target !== "string" || target.length === 0 || target.length > MAX_TARGET_LENGTH) return fallback;
  let origin: string;
  let resolved: URL;
  try {
    origin = options.origin ? new URL(options.origin).origin : ANY_SITE;
    resolved = new URL(target, `${origin}/`);
  } catch {
    return fallback;
  }
  if (resolved.origin !== origin) return fallback;
  const path = resolved.pathname;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return fallback;
  }
  if (/^[/\\]{2}/.test(path) || /^[/\\]{2}/.test(decoded)) return fallback;
  if (within && path !== within && !path.startsWith(`${within}/`)) return fallback;
  return `${path}${resolved.search}${resolved.hash}`;
}
