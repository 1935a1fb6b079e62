import ipaddr from "ipaddr.js";
import { DomainError } from "../errors.ts";
import { isWebhookAddressAllowed } from "./webhook-address.ts";
import { WEBHOOK_URL_MAX_LENGTH } from "./webhook-endpoint-input.ts";

function refuse(message: string): DomainError {
  return new DomainError("invalid_webhook_url", message, 400, { fields: { url: message } });
}

/**
 * The check of a webhook URL when it is saved (created or changed): an absolute URL of at most
 * 2,000 characters, `https:` (or `http:` when `allowPrivate`, HELPLINE_WEBHOOKS_ALLOW_PRIVATE=1),
 * without a user name or password (they would travel in every request and show in the console),
 * and a host that is not a loopback, private, link-local or metadata address unless `allowPrivate`:
 * an IP literal is judged by isWebhookAddressAllowed, and `localhost` / `*.localhost` always
 * resolve to loopback (RFC 6761). Any other name is checked again by the sender on the address it
 * connects to, since a name may resolve anywhere later. Returns the URL as the WHATWG parser
 * normalises it (`http://0x7f.1/` is `http://127.0.0.1/`), so the URL stored is the one judged.
 * Throws DomainError 400 `invalid_webhook_url` naming field `url`.
 */
export function validateWebhookUrl(url: string, allowPrivate: boolean): string {
  if (url.length > WEBHOOK_URL_MAX_LENGTH)
    throw refuse(`Use at most ${WEBHOOK_URL_MAX_LENGTH.toLocaleString("en")} characters.`);
  const parsed = URL.parse(url);
  if (!parsed) throw refuse("Enter an absolute URL, such as https://example.com/helpline.");
  if (parsed.protocol !== "https:" && !(allowPrivate && parsed.protocol === "http:"))
    throw refuse(
      allowPrivate ? "Use an https:// or http:// URL." : "Use an https:// URL: webhooks carry your tickets' contents.",
    );
  if (parsed.username || parsed.password)
    throw refuse("Leave the user name and password out of the URL: the signature proves who is sending.");
  // Brackets of an IPv6 literal, and the root's dot (`localhost.` is `localhost`), are not the name.
  const host = parsed.hostname
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "")
    .toLowerCase();
  if (!host) throw refuse("Enter the URL's host name.");
  const refusedHost = "Use a public address: loopback, private, link-local and metadata addresses are refused.";
  if (ipaddr.isValid(host)) {
    if (!isWebhookAddressAllowed(host, allowPrivate)) throw refuse(refusedHost);
  } else if (!allowPrivate && (host === "localhost" || host.endsWith(".localhost"))) {
    throw refuse(refusedHost);
  }
  if (parsed.href.length > WEBHOOK_URL_MAX_LENGTH)
    throw refuse(`Use at most ${WEBHOOK_URL_MAX_LENGTH.toLocaleString("en")} characters.`);
  return parsed.href;
}
