import path from "node:path";
import type { NextConfig } from "next";

// Behind a proxy that rewrites Host, a server action from the public address is still this site
// (apps/console/src/server/cross-site-actions.ts applies the same rule before Next does).
const publicUrl = process.env.HELPLINE_PUBLIC_URL;
const publicHost = publicUrl && URL.canParse(publicUrl) ? new URL(publicUrl).host : undefined;

const config: NextConfig = {
  // The repository root, so Turbopack resolves the workspace packages used from source.
  turbopack: { root: path.join(import.meta.dirname, "../..") },
  transpilePackages: ["@helpline/core", "@helpline/protocol"],
  // Database drivers stay out of Next's bundles: Node loads them once per process, shared with the
  // gateway; the client handle itself is a per-process singleton (packages/db/src/client.ts).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  experimental: { authInterrupts: true, serverActions: { allowedOrigins: publicHost ? [publicHost] : [] } },
};

export default config;
