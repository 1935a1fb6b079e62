import { createScratchDatabase } from "@helpline/db/testing";
import { rawRequest } from "@helpline/gateway/testing/raw-http";
import { ZErrorBody } from "@helpline/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  killConsoleProcess,
  pickPort,
  startConsoleProcess,
  waitForHealth,
  type ConsoleProcess,
} from "./src/testing/console-process.ts";

// Sign-in and sessions (issue 10 §5) against the real one-process server, behind one trusted
// proxy: HELPLINE_TRUST_PROXY=1, and this test plays that proxy (it connects from 127.0.0.1).
const ADMIN = { email: "sessions@example.test", password: "sessions password 1" };
const port = pickPort(3700, 3799);
const base = `http://127.0.0.1:${port}`;
// What the public address is, as opposed to how this test reaches the server.
const publicOrigin = `http://helpline.test:${port}`;
let server: ConsoleProcess | null = null;
let dropDatabase: () => Promise<void> = async () => {};

beforeAll(async () => {
  const database = await createScratchDatabase({ serverUrl: process.env.DATABASE_URL || undefined, label: "sessions" });
  dropDatabase = () => database.drop();
  server = startConsoleProcess({
    ...database.env,
    PORT: port,
    HELPLINE_TRUST_PROXY: "1",
    HELPLINE_PUBLIC_URL: publicOrigin,
    HELPLINE_ADMIN_EMAIL: ADMIN.email,
    HELPLINE_ADMIN_PASSWORD: ADMIN.password,
  });
  const health = await waitForHealth(`${base}/api/health`, server.exited).catch(
    (error: Error) => new Error(`${error.message}:\n${server?.output()}`),
  );
  if (health instanceof Error) throw health;
  expect(health.status, server.output()).toBe(200);
}, 200_000);

afterAll(async () => {
  await killConsoleProcess(server);
  await dropDatabase();
});

/** A browser's cookie jar, kept by hand: `fetch` has none. */
class Browser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly forwardedFor: string) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("x-forwarded-for", this.forwardedFor);
    if (this.cookies.size)
      headers.set("cookie", [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    const response = await fetch(`${base}${path}`, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const name = pair!.slice(0, pair!.indexOf("="));
      const value = pair!.slice(pair!.indexOf("=") + 1);
      if (value === "" || /max-age=0|expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  async csrfToken(): Promise<string> {
    return ((await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  }

  /** Auth.js's own credentials sign-in; answers where it redirects to. */
  async signIn(email: string, password: string): Promise<string> {
    const body = new URLSearchParams({ csrfToken: await this.csrfToken(), email, password });
    const response = await this.fetch("/api/auth/callback/credentials", { method: "POST", body });
    return response.headers.get("location") ?? "";
  }
}

describe("behind a trusted proxy", () => {
  it(
    "the sign-in throttle counts the address the proxy appended, not the ones the client wrote",
    { timeout: 120_000 },
    async () => {
      // The client rotates the first entry; the proxy (one hop) appended 127.0.0.1 each time.
      const answers: string[] = [];
      for (let attempt = 0; attempt < 25; attempt++) {
        const attacker = new Browser(`203.0.113.${attempt}, 127.0.0.1`);
        answers.push(
          new URL(await attacker.signIn(ADMIN.email, `wrong password ${attempt}`)).searchParams.get("code") ??
            "signed in",
        );
      }
      expect(answers.slice(0, 10)).toEqual(Array(10).fill("invalid_credentials"));
      expect(answers.slice(10)).toEqual(Array(15).fill("throttled"));
      const rightPassword = new Browser("203.0.113.200, 127.0.0.1");
      expect(new URL(await rightPassword.signIn(ADMIN.email, ADMIN.password)).searchParams.get("code")).toBe(
        "throttled",
      );

      // Another client behind the same proxy is not held back by that one.
      const colleague = new Browser("203.0.113.1, 198.51.100.20");
      expect(new URL(await colleague.signIn(ADMIN.email, ADMIN.password)).href).toBe(`${publicOrigin}/`);
    },
  );
});

describe("sessions", () => {
  it(
    "end on the server when signing out through Auth.js's own POST /api/auth/signout",
    { timeout: 60_000 },
    async () => {
      const browser = new Browser("198.51.100.30");
      expect(new URL(await browser.signIn(ADMIN.email, ADMIN.password)).href).toBe(`${publicOrigin}/`);
      const copied = new Browser("198.51.100.31");
      for (const [name, value] of browser.cookies) copied.cookies.set(name, value);
      expect((await copied.fetch("/tickets")).status).toBe(200);
      expect(await (await copied.fetch("/api/auth/session")).json()).toMatchObject({ user: { email: ADMIN.email } });

      const signOut = await browser.fetch("/api/auth/signout", {
        method: "POST",
        body: new URLSearchParams({ csrfToken: await browser.csrfToken() }),
      });
      expect(signOut.status).toBe(302);
      expect([...browser.cookies.keys()].some((name) => name.includes("session-token"))).toBe(false);

      const page = await copied.fetch("/tickets");
      expect(page.status).toBe(307);
      expect(page.headers.get("location")).toContain("/sign-in");
      expect(await (await copied.fetch("/api/auth/session")).json()).toBeNull();
    },
  );
});

describe("server actions", () => {
  const action = (headers: Record<string, string>, body: BodyInit = "[]") =>
    fetch(`${base}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "next-action": "7f".padEnd(42, "0"), "content-type": "text/plain;charset=UTF-8", ...headers },
      body,
    });

  it("from another site are refused with 403 in the JSON error shape, never a 5xx", async () => {
    const multipart = new FormData();
    multipart.set("email", ADMIN.email);
    const refusals = [
      await action({ origin: "http://evil.example" }),
      await action({ origin: `http://evil.example:${port}` }),
      await action({ origin: "null" }),
      await action({ origin: "not a url" }),
      await action({ origin: "http://evil.example", "x-forwarded-host": "helpline.test.evil.example" }),
      await fetch(`${base}/sign-in`, {
        method: "POST",
        redirect: "manual",
        headers: { origin: "http://evil.example" },
        body: multipart,
      }),
    ];
    for (const response of refusals) {
      expect(response.status).toBe(403);
      expect(ZErrorBody.parse(await response.json()).error.code).toBe("forbidden");
    }
  });

  it("from this site, by the address it was reached at or its public address, go on to Next", async () => {
    for (const origin of [base, publicOrigin]) {
      const response = await action({ origin });
      // The action id is made up, so Next cannot find it; what matters is that Next answers it.
      expect(response.status, origin).toBeLessThan(500);
      expect(response.status, origin).not.toBe(403);
    }
  });
});

describe("the HTTP parser", () => {
  it("refuses a malformed request in the protocol's shape on the one-process server, console paths included", async () => {
    for (const path of ["/api/agent/v1/checkin", "/sign-in"]) {
      const response = await rawRequest(
        Number(port),
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer a\u0000b\r\nContent-Length: 2\r\n\r\n{}`,
      );
      expect(response.status, path).toBe(400);
      expect(ZErrorBody.safeParse(JSON.parse(response.body)).success, response.body).toBe(true);
    }
  });
});
