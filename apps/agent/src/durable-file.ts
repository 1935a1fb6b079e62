import fs from "node:fs";
import path from "node:path";

// Windows cannot open a directory to fsync it; NTFS journals the rename itself.
function syncDirectory(dir: string): void {
  if (process.platform === "win32") return;
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes `data` so that after a crash or power loss at any instant the file is either absent,
 * the old one, or the whole new one: temp file, fsync, rename, fsync of the directory (which makes
 * the rename itself durable). Temp names start with "." so readers of the directory skip them.
 */
export function writeFileDurably(file: string, data: string | Uint8Array, mode = 0o600): void {
  const dir = path.dirname(file);
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(temporary, "w", mode);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  syncDirectory(dir);
}

/** Removes a file durably; one already gone (another process got there first) is fine. */
export function removeFileDurably(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  syncDirectory(path.dirname(file));
}
