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

  it.each([
    [[], "missing command"],
    [["frobnicate"], 'unknown command "frobnicate"'],
    [["enroll", "--install-key", "k"], "missing --server"],
    [["enroll", "--server", "ftp://x", "--install-key", "k"], "--server must be an http(s) URL"],
    [["simulate", "--server", "http://x", "--install-key", "k", "--count", "ten"], "--count must be a whole number"],
    [["simulate", "--server", "http://x", "--install-key", "k", "--count", "3", "--os", "beos"], "--os must be one of"],
    [["run", "--bogus"], "Unknown option '--bogus'"],
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
