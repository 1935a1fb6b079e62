import "server-only";
import { publicUrl as resolvePublicUrl, type RequestAddress } from "@helpline/core";
import { headers } from "next/headers";

// The request being served, as publicUrl() reads it: server.ts hands Next the request as it came.
async function requestAddress(): Promise<RequestAddress> {
  const incoming = await headers();
  return { protocol: incoming.get("x-forwarded-proto") ?? "http", host: incoming.get("host") };
}

/** The address agents and people use (see publicUrl in packages/core), for the request being served. */
export async function publicUrl(): Promise<string> {
  return resolvePublicUrl(await requestAddress());
}

/** Where links in emails point: never at a host the caller merely claimed (`public_url_required` otherwise). */
export async function mailLinkUrl(): Promise<string> {
  return resolvePublicUrl(await requestAddress(), { forMail: true });
}
