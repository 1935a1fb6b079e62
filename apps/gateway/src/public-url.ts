import type { FastifyRequest } from "fastify";

/**
 * The address people use to reach Helpline: HELPLINE_PUBLIC_URL, else what this request came in on.
 * Only an enrolled agent gets here, and the links it causes are mailed to its own user.
 */
export function publicUrlOf(request: FastifyRequest): string {
  const configured = process.env.HELPLINE_PUBLIC_URL?.replace(/\/+$/, "");
  if (configured) return configured;
  return `${request.protocol}://${request.host}`;
}
