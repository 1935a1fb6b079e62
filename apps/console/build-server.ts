import fs from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";

export const SERVER_BUNDLE = path.join(import.meta.dirname, "dist", "server.mjs");

const WORKSPACE_SCOPE = "@helpline/";

/**
 * Third-party packages stay in node_modules, loaded by Node as they ship: Next.js, Prisma's runtime
 * and PGlite find their own WASM and data files next to their modules, and Next's route bundles
 * share them with the gateway instead of getting second copies. A package is left external only
 * when Node, resolving it from the bundle's folder, finds the very file that the importing source
 * file would get; otherwise (a version nested under one workspace, e.g. packages/core's
 * nodemailer) it is bundled, so the bundle never runs another version than the sources do.
 */
function externalDependencies(outdir: string): Plugin {
  return {
    name: "external-dependencies",
    setup(context) {
      context.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.path.startsWith(WORKSPACE_SCOPE) || args.path.startsWith("node:") || args.pluginData === "probe")
          return undefined;
        const probe = { kind: args.kind, pluginData: "probe" };
        const fromSource = await context.resolve(args.path, {
          ...probe,
          resolveDir: args.resolveDir,
          importer: args.importer,
        });
        const fromBundle = await context.resolve(args.path, { ...probe, resolveDir: outdir });
        if (fromSource.errors.length > 0 || fromSource.external) return undefined;
        return fromBundle.errors.length === 0 && fromBundle.path === fromSource.path
          ? { path: args.path, external: true }
          : undefined;
      });
    },
  };
}

/**
 * Source files that find things beside themselves (`import.meta.url`/`dirname`: the migrations,
 * package.json, Next's app folder) keep finding them from inside the bundle: each use becomes the
 * source file's location relative to the bundle, so the build stays valid wherever the checkout is.
 */
function sourceLocations(outdir: string): Plugin {
  return {
    name: "source-locations",
    setup(context) {
      context.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await fs.promises.readFile(args.path, "utf8");
        if (!source.includes("import.meta.")) return undefined;
        const relative = (target: string) => path.relative(outdir, target).split(path.sep).join("/");
        const fileUrl = `new URL(${JSON.stringify(relative(args.path))}, import.meta.url)`;
        const dirUrl = `new URL(${JSON.stringify(`${relative(path.dirname(args.path))}/`)}, import.meta.url)`;
        const contents =
          `import { fileURLToPath as __sourceLocationPath } from "node:url";\n` +
          source
            .replaceAll("import.meta.url", `${fileUrl}.href`)
            .replaceAll("import.meta.dirname", `__sourceLocationPath(${dirUrl}).replace(/[\\\\/]$/, "")`)
            .replaceAll("import.meta.filename", `__sourceLocationPath(${fileUrl})`);
        return { contents, loader: "ts" };
      });
    },
  };
}

/**
 * The production server (server.ts with the gateway, core, db and protocol packages inlined) as
 * one JavaScript file that plain `node` runs: no TypeScript compiler in the serving process.
 */
export async function bundleServer(outfile = SERVER_BUNDLE): Promise<string> {
  const outdir = path.dirname(outfile);
  fs.mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [path.join(import.meta.dirname, "server.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    legalComments: "none",
    logLevel: "warning",
    plugins: [externalDependencies(outdir), sourceLocations(outdir)],
    // Bundled CommonJS code may still call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
  });
  return outfile;
}

if (process.argv[1] === import.meta.filename)
  console.log(`Server bundle: ${path.relative(process.cwd(), await bundleServer())}`);
