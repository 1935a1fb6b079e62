import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { screenCapture, type RunProgram } from "./screenshot.ts";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
const missing = () => Object.assign(new Error("spawn ENOENT"), { code: "ENOENT" });

// The OS tools are the edge of the world here: a fake runner plays them.
function runner(behaviour: Record<string, "missing" | "png" | "garbage" | "hang">) {
  const calls: string[] = [];
  const run: RunProgram = async (command, args, options) => {
    calls.push(`${command} ${args.join(" ")}`);
    const what = behaviour[command] ?? "missing";
    if (what === "missing") throw missing();
    if (what === "hang") {
      await new Promise((resolve) => setTimeout(resolve, options.timeoutMs));
      throw new Error("timed out");
    }
    fs.writeFileSync(options.env.HELPLINE_SCREENSHOT!, what === "png" ? PNG : "not an image");
  };
  return { run, calls };
}

describe("screenCapture", () => {
  it("on Linux without a display takes nothing and runs nothing", async () => {
    const fake = runner({});
    expect(await screenCapture({ platform: "linux", env: {}, run: fake.run })()).toBeNull();
    expect(fake.calls).toEqual([]);
  });

  it("on X11 uses the first tool that is installed and returns its PNG", async () => {
    const fake = runner({ import: "missing", "gnome-screenshot": "garbage", scrot: "png" });
    expect(await screenCapture({ platform: "linux", env: { DISPLAY: ":0" }, run: fake.run })()).toEqual(PNG);
    expect(fake.calls.map((call) => call.split(" ")[0])).toEqual(["import", "gnome-screenshot", "scrot"]);
  });

  it("on Windows runs nothing (the tray sends the screenshot), and on macOS screencapture -x", async () => {
    const windows = runner({ "powershell.exe": "png" });
    expect(await screenCapture({ platform: "win32", env: {}, run: windows.run })()).toBeNull();
    expect(windows.calls).toEqual([]);
    const mac = runner({ screencapture: "png" });
    expect(await screenCapture({ platform: "darwin", env: {}, run: mac.run })()).toEqual(PNG);
    expect(mac.calls[0]).toMatch(/^screencapture -x /);
  });

  it("gives up within its time box: the form opens without a screenshot", async () => {
    const fake = runner({ import: "hang", scrot: "png" });
    const started = Date.now();
    expect(
      await screenCapture({ platform: "linux", env: { DISPLAY: ":0" }, run: fake.run, timeoutMs: 200 })(),
    ).toBeNull();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fake.calls).toHaveLength(1);
  });

  it("on this machine, for real, returns a PNG or null and never throws", async () => {
    const shot = await screenCapture()();
    expect(shot === null || shot.subarray(0, 4).equals(PNG.subarray(0, 4))).toBe(true);
  });
});
