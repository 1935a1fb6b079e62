import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { machineOverride } from "./inventory.ts";

/**
 * A stable id per machine, so re-installing or re-enrolling keeps the same device: Windows'
 * MachineGuid, /etc/machine-id, or one generated once and kept in the state directory.
 */
export function readMachineId(stateDir: string): string {
  const fromOs = osMachineId();
  if (fromOs) return fromOs;
  const file = path.join(stateDir, "machine-id");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const generated = randomUUID();
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, generated, { mode: 0o600 });
  return generated;
}

/** The machine id the OS reports now (or HELPLINE_AGENT_INVENTORY_FILE's); null when it cannot be read. */
export function osMachineId(): string | null {
  const override = machineOverride()?.machineId;
  if (override) return override;
  try {
    if (process.platform === "win32") {
      const output = execFileSync("reg", ["query", "HKLM\\SOFTWARE\\Microsoft\\Cryptography", "/v", "MachineGuid"], {
        encoding: "utf8",
        windowsHide: true,
      });
      return /MachineGuid\s+REG_SZ\s+(\S+)/.exec(output)?.[1] ?? null;
    }
    if (process.platform === "darwin") {
      const output = execFileSync("ioreg", ["-rd1", "-c", "IOPlatformExpertDevice"], { encoding: "utf8" });
      return /"IOPlatformUUID" = "([^"]+)"/.exec(output)?.[1] ?? null;
    }
    const id = fs.readFileSync("/etc/machine-id", "utf8").trim();
    return id || null;
  } catch {
    return null;
  }
}
