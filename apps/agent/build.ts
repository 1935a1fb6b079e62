import path from "node:path";
import { build } from "esbuild";

export const AGENT_BUNDLE = path.join(import.meta.dirname, "dist", "helpline-agent.mjs");

/**
 * The agent as it ships to workstations: one JavaScript file that needs only Node.js — no
 * node_modules, no TypeScript compiler at run time (half the memory of running from source).
 * `format: "esm"` (the default) is the file `node helpline-agent.mjs` runs; `"cjs"` is the main
 * script of the Windows single executable (build-windows.ts), which Node 22 requires to be
 * CommonJS without top-level await, so it starts from src/entry-cjs.ts instead of src/entry.ts.
 */
export async function bundleAgent(outfile = AGENT_BUNDLE, options: { format?: "esm" | "cjs" } = {}): Promise<string> {
  const format = options.format ?? "esm";
  await build({
    entryPoints: [path.join(import.meta.dirname, "src", format === "esm" ? "entry.ts" : "entry-cjs.ts")],
    outfile,
    // Paths in the bundle's comments are relative to this: the same bytes from any cwd.
    absWorkingDir: import.meta.dirname,
    bundle: true,
    platform: "node",
    format,
    target: format === "esm" ? "node20" : "node22",
    legalComments: "none",
    logLevel: "warning",
    // Bundled CommonJS code may still call require() for Node's own modules (CommonJS has its own).
    ...(format === "esm" && {
      banner: {
        js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
      },
    }),
  });
  return outfile;
}

if (process.argv[1] === import.meta.filename)
  console.log(`Agent bundle: ${path.relative(process.cwd(), await bundleAgent())}`);
