import ipaddr from "ipaddr.js";

/**
 * Whether a webhook may connect to `address` (an IPv4 or IPv6 literal, as DNS resolved it): only
 * globally routable unicast addresses, unless `allowPrivate` (HELPLINE_WEBHOOKS_ALLOW_PRIVATE=1).
 * Refused otherwise: loopback, RFC 1918 private, link-local (169.254.0.0/16 holds the cloud
 * metadata services, 169.254.169.254), carrier-grade NAT (RFC 6598), unique-local IPv6 (RFC 4193),
 * multicast, broadcast, unspecified and reserved ranges; IPv4-mapped and NAT64-style IPv6 forms
 * are judged by the IPv4 address they carry, so `::ffff:127.0.0.1` is loopback. An address that is
 * not an IP literal is refused. This is the check made on the address a request connects to
 * (server-side request forgery: a public name may resolve to a private address), not on the name.
 */
export function isWebhookAddressAllowed(address: string, allowPrivate: boolean): boolean {
  if (!ipaddr.isValid(address)) return false;
  if (allowPrivate) return true;
  const parsed = ipaddr.process(address);
  return parsed.range() === "unicast";
}
