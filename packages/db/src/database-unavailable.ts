// SQLSTATE classes that mean "the database cannot serve right now" rather than "this query is
// wrong": connection exceptions (08…), operator intervention (57P01 shutdown, 57P03 starting up),
// and a database closed to new connections (55000 with ALLOW_CONNECTIONS false).
const UNAVAILABLE_SQLSTATE = /\b(08\d{3}|57P0[1-4]|53300)\b/;
const UNAVAILABLE_TEXT =
  /connection error|Connection terminated|not queryable|ECONNREFUSED|ECONNRESET|not currently accepting connections|the database system is (starting up|shutting down)|terminating connection|Can't reach database server|Timed out fetching a new connection|Unable to start a transaction in the given time/i;
const UNAVAILABLE_CODES = new Set(["P1001", "P1002", "P1017", "P2024", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT"]);

/**
 * True when an error means the database is down or restarting (a failover, a restart): callers
 * answer "try again shortly" (503) instead of reporting a bug, and retry-safe work is retried.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== "object") return false;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    if (typeof message === "string" && (UNAVAILABLE_TEXT.test(message) || /Code: `(08\d{3}|57P0[1-4])`/.test(message)))
      return true;
    current = cause;
  }
  return false;
}
