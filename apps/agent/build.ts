import path from "node:path";
import { build } from "esbuild";

export const AGENT_BUNDLE = path.join(import.meta.dirname, "dist", "helpline-agent.mjs");

/**
 * The agent as it ships to workstations: one JavaScript file that needs only Node.js — no
 * node_modules, no TypeScript compiler at run time (half the memory of running from source).
 */
export async function bundleAgent(outfile = AGENT_BUNDLE): Promise<string> {
  await build({
    entryPoints: [path.join(import.meta.dirname, "src", "entry.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    legalComments: "none",
    logLevel: "warning",
    // Bundled CommonJS code may still call require() for Node's own modules.
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
  });
  return outfile;
}

if (process.argv[1] === import.meta.filename)
  console.log(`Agent bundle: ${path.relative(process.cwd(), await bundleAgent())}`);
