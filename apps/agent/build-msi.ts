import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { signFile, type SigningIdentity } from "./sign-windows.ts";

// The recipe is /work/shared/stack-notes.md, "Windows agent" (wixl, msiinfo, osslsigncode).

const WXS = path.join(import.meta.dirname, "windows", "helpline-agent.wxs");
/** Where `npm run build:windows` writes the MSI (the console serves it from there by default). */
export const WINDOWS_MSI = path.join(import.meta.dirname, "dist", "windows", "helpline-agent.msi");
/** Every version of the MSI shares it, so a newer one replaces an older one (MajorUpgrade). */
export const UPGRADE_CODE = "6f3c8f8e-5a43-4c1e-9a0e-2f1b7d6c4a10";
/** The public properties Windows Installer may pass from the client to the elevated install. */
const SECURE_PROPERTIES = ["WIX_DOWNGRADE_DETECTED", "WIX_UPGRADE_DETECTED", "SERVER_URL", "INSTALL_KEY", "KEEP_DATA"];

/** The three programs the MSI installs into Program Files\Helpline, by their path on this machine. */
export type InstallerPrograms = { agent: string; service: string; tray: string };

/**
 * The MSI's ProductCode for an agent version: a name-based UUID (RFC 4122 §4.3, version 5, SHA-1)
 * of the version in the UpgradeCode's namespace. One version always has the same code (so Intune's
 * detection rule and `msiexec /x {code}` can be written down), and each version has its own, as a
 * major upgrade requires. Out: upper-case, in braces, e.g. `{1B4E28BA-2FA1-51D2-883F-0016D3CCA427}`.
 */
export function productCodeFor(version: string): string {
  const namespace = Buffer.from(UPGRADE_CODE.replaceAll("-", ""), "hex");
  const bytes = createHash("sha1").update(namespace).update(version).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex").toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}}`;
}

/**
 * Writes the MSI `out` from windows/helpline-agent.wxs with wixl (x64), for agent `version`
 * (dotted, at most three numbers below 256.256.65536 as Windows Installer compares them). The
 * programs are signed first and the MSI after when `signing` is given (signFile; the programs are
 * signed in place). Throws naming every missing program (the service and the tray are built
 * separately), or with wixl's / osslsigncode's output. Out: `out`, plus `<out>.json` beside it
 * with `{version, productCode, upgradeCode}` for whoever serves it (the console's Install panel).
 */
export function buildInstaller(options: {
  version: string;
  programs: InstallerPrograms;
  out: string;
  signing: SigningIdentity | null;
}): string {
  const missing = Object.values(options.programs).filter((file) => !fs.existsSync(file));
  if (missing.length > 0)
    throw new Error(`Cannot build the MSI: ${missing.map((file) => `${file} is missing`).join("; ")}.`);
  if (!/^\d{1,3}\.\d{1,3}\.\d{1,5}$/.test(options.version))
    throw new Error(`Cannot build the MSI: version "${options.version}" is not major.minor.build.`);
  if (options.signing) for (const program of Object.values(options.programs)) signFile(program, options.signing);

  const productCode = productCodeFor(options.version);
  const partial = `${options.out}.partial`;
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  const define = (name: string, value: string) => ["-D", `${name}=${value}`];
  // wixl looks a File's Source up relative to its working directory only (an absolute one fails).
  const source = (file: string) => path.relative("/", path.resolve(file));
  try {
    execFileSync(
      "wixl",
      [
        "-a",
        "x64",
        ...define("Version", options.version),
        ...define("ProductCode", productCode.slice(1, -1)),
        ...define("AgentExe", source(options.programs.agent)),
        ...define("ServiceExe", source(options.programs.service)),
        ...define("TrayExe", source(options.programs.tray)),
        "-o",
        path.resolve(partial),
        WXS,
      ],
      { cwd: "/", encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    // wixl ignores Property/@Secure: mark them here.
    execFileSync("msibuild", [
      partial,
      "-q",
      `UPDATE \`Property\` SET \`Value\` = '${SECURE_PROPERTIES.join(";")}' WHERE \`Property\` = 'SecureCustomProperties'`,
    ]);
    // wixl ignores CustomAction/@Execute="rollback" (it writes an immediate action): 3442 is an exe
    // named by a property (50), return ignored (64), in the script (1024) as a rollback action
    // (256), not impersonated (2048) — Windows Installer, "Custom Action In-Script Execution Options".
    execFileSync("msibuild", [
      partial,
      "-q",
      "UPDATE `CustomAction` SET `Type` = 3442 WHERE `Action` = 'UnmarkUpgradeOnRollback'",
    ]);
    if (options.signing) signFile(partial, options.signing);
    fs.renameSync(partial, options.out);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    const stderr = (error as { stderr?: string }).stderr;
    throw stderr ? new Error(`wixl failed: ${stderr.trim()}`, { cause: error }) : error;
  }
  fs.writeFileSync(
    `${options.out}.json`,
    `${JSON.stringify({ version: options.version, productCode, upgradeCode: `{${UPGRADE_CODE.toUpperCase()}}` }, null, 2)}\n`,
  );
  return options.out;
}
