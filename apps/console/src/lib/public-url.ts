import "server-only";
import { mailLinkBase } from "@helpline/core";
import { headers } from "next/headers";

/** The address agents and people use: HELPLINE_PUBLIC_URL, else what this request came in on. */
export async function publicUrl(): Promise<string> {
  const configured = process.env.HELPLINE_PUBLIC_URL?.replace(/\/+$/, "");
  if (configured) return configured;
  const incoming = await headers();
  const host = incoming.get("host") ?? "localhost:3000";
  return `${incoming.get("x-forwarded-proto") ?? "http"}://${host}`;
}

/** Where links in emails point: never at a host the caller merely claimed (see mailLinkBase). */
export async function mailLinkUrl(): Promise<string> {
  const incoming = await headers();
  return mailLinkBase({ configured: process.env.HELPLINE_PUBLIC_URL, protocol: incoming.get("x-forwarded-proto") ?? "http", host: incoming.get("host") });
}
