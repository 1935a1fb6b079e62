import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

// One spelling per address, so a throttle counts `::ffff:203.0.113.7`, `203.0.113.7:51234` and
// `203.0.113.7` as the same client. Null for anything that is not an address.
function normaliseAddress(entry: string): string | null {
  let address = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  if (/^::ffff:/i.test(address) && isIP(address.slice(7)) === 4) address = address.slice(7);
  return isIP(address) ? address.toLowerCase() : null;
}

/**
 * The client's address, decided once per request by the server in front of everything
 * (apps/console/server.ts; the gateway alone resolves it the same way, and resolving twice gives the same address), which then puts it alone in `x-forwarded-for`.
 *
 * Each proxy appends the address it was connected from to `X-Forwarded-For`; the entries to its
 * left are whatever the client wrote. So with `hops` trusted proxies the client is the entry
 * `hops` places left of the connection's peer: the peer itself with no proxy, the last entry
 * with one (RFC 7239 §5.2; Express's `trust proxy` counts the same way). When the chain is
 * shorter than `hops` its first entry is the best there is. Returns "unknown" for a chain entry
 * that is not an IP address.
 */
export function resolveClientAddress(request: Pick<IncomingMessage, "headers" | "socket">, hops: number): string {
  const header = request.headers["x-forwarded-for"];
  const forwarded =
    hops === 0 || !header
      ? []
      : [header]
          .flat()
          .join(",")
          .split(",")
          .filter((entry) => entry.trim() !== "");
  const chain = [...forwarded, request.socket.remoteAddress ?? ""];
  return normaliseAddress(chain[Math.max(0, chain.length - 1 - hops)]!) ?? "unknown";
}

/**
 * For the app (sign-in throttles, audit lines): the address server.ts resolved for this request.
 * Anything else in the header (the server was bypassed) gives "unknown" rather than trusting it.
 */
export function requestClientAddress(headers: Headers): string {
  return normaliseAddress(headers.get("x-forwarded-for") ?? "") ?? "unknown";
}
