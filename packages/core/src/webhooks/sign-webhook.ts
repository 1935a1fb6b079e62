import { createHmac } from "node:crypto";

/**
 * The `Helpline-Signature` header of one webhook request: `t=<unixSeconds>,v1=<hex>`, where hex is
 * the HMAC-SHA256, keyed with the endpoint's secret (UTF-8), of `"<unixSeconds>.<body>"` — the
 * exact bytes sent as the body. The timestamp is signed too, so a receiver that rejects old
 * timestamps (the README says 5 minutes) cannot be fed a captured request again later. The scheme
 * is Stripe's, which receivers' tooling already knows.
 */
export function signWebhook(secret: string, unixSeconds: number, body: string): string {
  const digest = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${digest}`;
}
