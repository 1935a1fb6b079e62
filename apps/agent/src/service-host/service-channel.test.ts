import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { formatServiceCommand, openServiceChannel, parseServiceLine } from "./service-channel.ts";

describe("parseServiceLine", () => {
  it("reads each message the service sends", () => {
    expect(
      parseServiceLine('{"type":"sessions","sessions":[{"id":1,"profile":"CONTOSO\\\\alice","console":true}]}'),
    ).toEqual({
      type: "sessions",
      sessions: [{ id: 1, profile: "CONTOSO\\alice", console: true }],
    });
    expect(parseServiceLine('{"type":"tray-open","conn":7,"profile":"VM\\\\root","session":1}')).toEqual({
      type: "tray-open",
      conn: 7,
      profile: "VM\\root",
      session: 1,
    });
    expect(parseServiceLine('{"type":"tray-line","conn":7,"line":"action\\tportal"}')).toEqual({
      type: "tray-line",
      conn: 7,
      line: "action\tportal",
    });
    expect(parseServiceLine('{"type":"stop"}')).toEqual({ type: "stop" });
  });

  it("says why a line is not a message", () => {
    expect(parseServiceLine("hello")).toBeInstanceOf(Error);
    expect((parseServiceLine('{"type":"tray-open","conn":-1,"profile":"x","session":1}') as Error).message).toMatch(
      /conn/,
    );
    expect((parseServiceLine('{"type":"reboot"}') as Error).message).toMatch(/type/);
  });
});

describe("formatServiceCommand", () => {
  it("writes tab-separated lines, the tray's line (tabs and all) last", () => {
    expect(formatServiceCommand("send", 3, "menu\tportal\tOpen Customer Portal")).toBe(
      "send\t3\tmenu\tportal\tOpen Customer Portal\n",
    );
    expect(formatServiceCommand("close", 3)).toBe("close\t3\n");
  });

  it("refuses a tray line with a line break", () => {
    expect(() => formatServiceCommand("send", 3, "notify\t1\tTitle\tline one\nline two")).toThrow(/line break/);
  });
});

describe("openServiceChannel", () => {
  it("dispatches the service's lines, skips bad ones, and stops once at the stop message and the end of input", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const logged: string[] = [];
    const channel = openServiceChannel(input, output, (line) => logged.push(line));
    const seen: unknown[] = [];
    channel.onSessions((sessions) => seen.push(["sessions", sessions]));
    channel.onTrayOpen((tray) => seen.push(["open", tray]));
    channel.onTrayLine((conn, line) => seen.push(["line", conn, line]));
    channel.onTrayClose((conn) => seen.push(["close", conn]));
    let stops = 0;
    channel.onStop(() => stops++);
    const stopped = new Promise<void>((resolve) => channel.onStop(resolve));

    input.write('{"type":"sessions","sessions":[{"id":2,"profile":"VM\\\\root","console":true}]}\r\n');
    input.write("not json\n");
    input.write('{"type":"tray-open","conn":1,"profile":"VM\\\\root","session":2}\n');
    input.write('{"type":"tray-line","conn":1,"line":"action\\tadd-ticket"}\n{"type":"tray-close","conn":1}\n');
    input.write('{"type":"stop"}\n');
    input.end();
    await stopped;
    await new Promise((resolve) => setImmediate(resolve));

    expect(seen).toEqual([
      ["sessions", [{ id: 2, profile: "VM\\root", console: true }]],
      ["open", { conn: 1, profile: "VM\\root", session: 2 }],
      ["line", 1, "action\tadd-ticket"],
      ["close", 1],
    ]);
    expect(channel.sessions()).toEqual([{ id: 2, profile: "VM\\root", console: true }]);
    expect(stops).toBe(1);
    expect(logged).toEqual([expect.stringMatching(/^Service channel: ignored a line \(not JSON: not json\)/)]);

    channel.sendToTray(1, "state\t1\tContoso IT");
    channel.closeTray(1);
    expect(output.read()?.toString()).toBe("send\t1\tstate\t1\tContoso IT\nclose\t1\n");
  });

  it("tells a listener added late of the trays still open (they connect while the agent enrolls)", async () => {
    const input = new PassThrough();
    const channel = openServiceChannel(input, new PassThrough(), () => {});
    const closed = new Promise<void>((resolve) => channel.onTrayClose(() => resolve()));
    input.write('{"type":"tray-open","conn":1,"profile":"VM\\\\root","session":1}\n');
    input.write('{"type":"tray-open","conn":2,"profile":"VM\\\\alice","session":2}\n');
    input.write('{"type":"tray-close","conn":1}\n');
    await closed;

    const seen: unknown[] = [];
    channel.onTrayOpen((tray) => seen.push(tray));
    expect(seen).toEqual([{ conn: 2, profile: "VM\\alice", session: 2 }]);
    input.write('{"type":"tray-open","conn":3,"profile":"VM\\\\root","session":1}\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([
      { conn: 2, profile: "VM\\alice", session: 2 },
      { conn: 3, profile: "VM\\root", session: 1 },
    ]);
  });
});
