import path from "node:path";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { publicHostOf } from "./src/server/public-host.ts";

const config: NextConfig = {
  // The repository root, so Turbopack resolves the workspace packages used from source.
  turbopack: { root: path.join(import.meta.dirname, "../..") },
  transpilePackages: ["@helpline/core", "@helpline/i18n", "@helpline/protocol"],
  // Database drivers stay out of Next's bundles: Node loads them once per process, shared with the
  // gateway; the client handle itself is a per-process singleton (packages/db/src/client.ts).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  // `npm start` builds on the user's machine: type errors are `npm run typecheck`'s and CI's to
  // report (npm test runs it first), not a second full tsc pass in every build (a third of its time).
  typescript: { ignoreBuildErrors: true },
  // Behind a proxy that rewrites Host, a server action from the public address is still this site
  // (src/server/cross-site-actions.ts applies the same rule before Next does). Production reads the
  // built config: apps/console/server.ts sets this again from the environment it starts with.
  experimental: {
    authInterrupts: true,
    serverActions: { allowedOrigins: publicHostOf(process.env.HELPLINE_PUBLIC_URL) },
  },
};

// next-intl finds the request's language and messages in src/i18n/request.ts (the Customer Portal's).
export default createNextIntlPlugin("./src/i18n/request.ts")(config);
