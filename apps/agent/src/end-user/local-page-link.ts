import path from "node:path";
import { removeFileDurably, writeFileDurably } from "../durable-file.ts";

/** The file in the state dir that holds the local page's link while it runs (no tray to open it). */
export const LOCAL_PAGE_LINK_FILE = "local-page-link";

/**
 * Keeps `<stateDir>/local-page-link` equal to `url` (the page of the profile signed in now, with
 * its secret), or removes it when `url` is null. The secret is never logged: the log is readable
 * by more people than the private (0600) state dir. Errors of the file system are thrown.
 */
export function keepLocalPageLink(stateDir: string, url: string | null): void {
  const file = path.join(stateDir, LOCAL_PAGE_LINK_FILE);
  if (url) writeFileDurably(file, `${url}\n`);
  else removeFileDurably(file);
}
