import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AGENT_VERSION, main } from "./cli.ts";

afterEach(() => vi.restoreAllMocks());

function capture() {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  return { out: () => log.mock.calls.flat().join("\n"), err: () => error.mock.calls.flat().join("\n") };
}

describe("helpline-agent CLI", () => {
  it("prints its version and help", async () => {
    const io = capture();
    expect(await main(["--version"])).toBe(0);
    expect(io.out()).toContain(AGENT_VERSION);
    expect(await main(["--help"])).toBe(0);
    expect(io.out()).toContain("helpline-agent <command>");
  });

  it("prints one command's usage after that command's --help", async () => {
    const io = capture();
    expect(await main(["ticket", "--help"])).toBe(0);
    expect(io.out()).toContain("Usage: helpline-agent ticket --title <text>");
    expect(io.out()).not.toContain("simulate");
  });

  it.each([["run"], ["identity", "--token", "x"], ["ticket", "--title", "x"]])(
    "%s on a device that is not enrolled says to enroll, exit 1",
    async (...argv) => {
      const io = capture();
      const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-cli-"));
      try {
        expect(await main([...argv, "--state-dir", stateDir])).toBe(1);
        expect(io.err()).toBe(
          "This device is not enrolled yet: run `helpline-agent enroll --server <url> --install-key <key>` first.",
        );
      } finally {
        fs.rmSync(stateDir, { recursive: true, force: true });
      }
    },
  );

  it.each([
    [[], "missing command"],
    [["frobnicate"], 'unknown command "frobnicate"'],
    [["enroll", "--install-key", "k"], "missing --server"],
    [["enroll", "--server", "ftp://x", "--install-key", "k"], "--server must be an http(s) URL"],
    [["simulate", "--server", "http://x", "--install-key", "k", "--count", "ten"], "--count must be a whole number"],
    [["simulate", "--server", "http://x", "--install-key", "k", "--count", "3", "--os", "beos"], "--os must be one of"],
    [["run", "--bogus"], "Unknown option '--bogus'"],
    [["status", "--once"], "Unknown option '--once': status takes --state-dir"],
    [
      ["simulate", "--server", "http://x", "--install-key", "k", "--count", "3", "--state-dir", "/tmp"],
      "Unknown option '--state-dir': simulate takes --server",
    ],
    [["status", "extra"], 'unexpected argument "extra"'],
    [["ticket", "--description", "x"], "missing --title"],
    [["ticket", "--title", "   "], "--title must not be empty"],
    [["ticket", "--title", "x", "--priority", "urgent"], "--priority must be one of low, medium, high, critical"],
  ])("bad usage %j prints usage and exits 2", async (argv, message) => {
    const io = capture();
    expect(await main(argv)).toBe(2);
    expect(io.err()).toContain(message);
    expect(io.err()).toContain("Usage: helpline-agent");
  });
});
