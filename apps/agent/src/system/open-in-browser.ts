import { spawn } from "node:child_process";

export type OpenUrl = (url: string) => void;

function opener(platform: NodeJS.Platform): string {
  if (platform === "win32") return "explorer.exe";
  if (platform === "darwin") return "open";
  return "xdg-open";
}

/** Opens a local page in the user's default browser; a failure is logged, never thrown. */
export function browserOpener(log: (line: string) => void, platform: NodeJS.Platform = process.platform): OpenUrl {
  return (url) => {
    try {
      const child = spawn(opener(platform), [url], { detached: true, stdio: "ignore", windowsHide: true });
      child.on("error", (error) => log(`Cannot open the browser: ${error.message}`));
      child.unref();
    } catch (error) {
      log(`Cannot open the browser: ${(error as Error).message}`);
    }
  };
}
