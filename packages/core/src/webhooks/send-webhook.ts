import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isWebhookAddressAllowed } from "./webhook-address.ts";

/** A 2xx within this time is success (issue 15); tests pass less. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
// Enough to see what a receiver answered; more is not read (a receiver may send anything).
const MAX_RESPONSE_BYTES = 64 * 1024;
const SNIPPET_CHARS = 1024;

export type WebhookSendResult = {
  /** The HTTP status, or null when no answer came (refused address, connection error, timeout). */
  status: number | null;
  durationMs: number;
  /** The first 1 KiB of the response body, or null without an answer. */
  snippet: string | null;
  /** Why it did not succeed, a sentence for the delivery log; null on a 2xx. */
  error: string | null;
};

class RefusedAddress extends Error {}

/**
 * A `lookup` for http(s).request that resolves the name as usual, then keeps only the addresses a
 * webhook may connect to (isWebhookAddressAllowed), so a public name pointing at 127.0.0.1 or the
 * metadata service is refused before any connection is opened. The check is on the resolved
 * addresses, the ones the socket then connects to: checking the name alone would let DNS decide.
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const allowed = addresses.filter((entry) => isWebhookAddressAllowed(entry.address, allowPrivate));
      if (allowed.length === 0) {
        const refused = addresses.map((entry) => entry.address).join(", ");
        return callback(
          new RefusedAddress(`${hostname} resolves to ${refused}, an address webhooks may not reach`),
          "",
          0,
        );
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

/**
 * POSTs one webhook: `body` (the JSON text) to `url` with `content-type: application/json`,
 * `user-agent: Helpline-Webhooks/1`, `Helpline-Event-Id` and `Helpline-Signature` (signWebhook).
 *
 * Safety (issue 15, server-side request forgery): `http:` only with `allowPrivate`
 * (HELPLINE_WEBHOOKS_ALLOW_PRIVATE=1); the address connected to must pass isWebhookAddressAllowed —
 * an IP-literal host is checked as written (Node does not look those up), a name through
 * guardedLookup, and the socket's remote address once more on connect; redirects are not followed
 * (a 3xx is a failure, its Location not requested); at most 64 KiB of the answer is read.
 *
 * Never throws: every failure comes back in `error` with `status` null (or the non-2xx status).
 * `timeoutMs` bounds the whole exchange, connect to last byte read.
 */
export async function sendWebhook(options: {
  url: string;
  body: string;
  eventId: string;
  signature: string;
  allowPrivate: boolean;
  timeoutMs?: number;
}): Promise<WebhookSendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failed = (error: string, status: number | null = null, snippet: string | null = null) => ({
    status,
    durationMs: elapsed(),
    snippet,
    error,
  });

  let target: URL;
  try {
    target = new URL(options.url);
  } catch {
    return failed("The endpoint URL is not a valid address");
  }
  const client = target.protocol === "https:" ? https : target.protocol === "http:" ? http : null;
  if (!client) return failed(`The endpoint URL must be https:// (not ${target.protocol})`);
  if (target.protocol === "http:" && !options.allowPrivate)
    return failed("The endpoint URL must be https:// (http:// only with HELPLINE_WEBHOOKS_ALLOW_PRIVATE=1)");
  const host = target.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && !isWebhookAddressAllowed(host, options.allowPrivate))
    return failed(`${host} is an address webhooks may not reach`);

  return new Promise<WebhookSendResult>((resolve) => {
    let settled = false;
    const finish = (result: WebhookSendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    const request = client.request(target, {
      method: "POST",
      lookup: guardedLookup(options.allowPrivate),
      // A fresh connection per delivery: a pooled socket would skip the address check.
      agent: false,
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(options.body),
        "user-agent": "Helpline-Webhooks/1",
        "helpline-event-id": options.eventId,
        "helpline-signature": options.signature,
      },
    });
    const timer = setTimeout(
      () => finish(failed(`No complete answer within ${options.timeoutMs ?? WEBHOOK_TIMEOUT_MS} ms`)),
      options.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
    );
    request.on("socket", (socket) => {
      socket.once("connect", () => {
        const remote = socket.remoteAddress;
        if (!remote || !isWebhookAddressAllowed(remote, options.allowPrivate))
          finish(failed(`${remote ?? "The address"} is an address webhooks may not reach`));
      });
    });
    request.on("error", (error) => finish(failed(error.message || "The connection failed")));
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const snippet = Buffer.concat(chunks).toString("utf8").slice(0, SNIPPET_CHARS);
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) return finish({ status, durationMs: elapsed(), snippet, error: null });
        const error =
          status >= 300 && status < 400
            ? `Answered ${status}: redirects are not followed`
            : `Answered ${status}, not a 2xx`;
        finish(failed(error, status, snippet));
      };
      response.on("data", (chunk: Buffer) => {
        if (size < MAX_RESPONSE_BYTES) chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - size));
        size += chunk.length;
        if (size >= MAX_RESPONSE_BYTES) done();
      });
      response.on("end", done);
      response.on("error", () => done());
    });
    request.end(options.body);
  });
}
