import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { startLocalPage, type LocalPage } from "./local-page-server.ts";

const pages: LocalPage[] = [];
afterEach(async () => Promise.all(pages.splice(0).map((page) => page.close())));

async function open() {
  const page = await startLocalPage({
    profile: { name: "CONTOSO\\alice", displayName: "<b>Alice</b>" },
    helpdesk: { active: true, identity: null },
  });
  pages.push(page);
  return page;
}

/** A raw request, so Host and Origin can be set as an attacker's page would. */
function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; setCookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body, setCookie: response.headers["set-cookie"]?.[0] }),
        );
      })
      .on("error", reject);
  });
}

function post(url: string, form: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers } },
      (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on("error", reject);
    request.end(form);
  });
}

describe("the agent's local page", () => {
  it("Personal Info Settings posts to the agent's actions, only from its own page", async () => {
    const calls: string[] = [];
    const page = await startLocalPage(
      { profile: { name: "CONTOSO\\alice", displayName: "Alice" }, helpdesk: { active: true, identity: null } },
      {
        actions: {
          sendToken: async (fullName, email) => (
            calls.push(`send ${fullName} ${email}`),
            { tone: "success", text: `We sent a token to ${email}.` }
          ),
          confirm: async (token) => (
            calls.push(`confirm ${token}`),
            { tone: "error", text: "This token is not right. 4 tries left." }
          ),
          submitTicket: async () => ({ kind: "waiting", reason: "unused" }),
          myTickets: async () => ({ server: [], serverError: null, waiting: [], failed: [] }),
          portalLink: async () => ({ error: "unused" }),
          dismissFailed: () => {},
          setLanguage: async () => ({ tone: "success", text: "unused" }),
        },
      },
    );
    pages.push(page);
    const first = await get(page.url);
    expect(first.body).toContain("Personal Info Settings");
    const cookie = first.setCookie!.split(";")[0]!;
    const origin = new URL(page.url).origin;
    const base = origin;
    const sent = await post(`${base}/send-token`, "fullName=Alice+Martin&email=alice%40contoso.test", {
      cookie,
      origin,
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toContain("We sent a token to alice@contoso.test.");
    const wrong = await post(`${base}/confirm`, "token=AAA", { cookie, origin });
    expect(wrong.body).toContain('role="alert"');
    expect(calls).toEqual(["send Alice Martin alice@contoso.test", "confirm AAA"]);

    // Another site's page cannot post the form (cross-site request), nor can a request without the secret.
    expect((await post(`${base}/confirm`, "token=AAA", { cookie, origin: "https://evil.example" })).status).toBe(403);
    expect((await post(`${base}/confirm`, "token=AAA", { origin })).status).toBe(403);
    expect(calls).toHaveLength(2);
  });

  it("listens on 127.0.0.1 and serves the page with the per-run secret, then by its cookie", async () => {
    const page = await open();
    expect(page.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?s=[\w-]{32}$/);
    const first = await get(page.url);
    expect(first.status).toBe(200);
    expect(first.body).toContain("The helpdesk is on for &#60;b&#62;Alice&#60;/b&#62;");
    expect(first.body).not.toContain("<b>Alice</b>");
    expect(first.setCookie).toMatch(/HttpOnly; SameSite=Strict/);
    const cookie = first.setCookie!.split(";")[0]!;
    expect((await get(page.url.split("?")[0]!, { cookie })).status).toBe(200);
  });

  it("refuses a missing or wrong secret, a foreign Host (DNS rebinding) and a foreign Origin", async () => {
    const page = await open();
    const base = page.url.split("?")[0]!;
    expect((await get(base)).status).toBe(403);
    expect((await get(`${base}?s=${"x".repeat(32)}`)).status).toBe(403);
    expect((await get(page.url, { host: "evil.example:80" })).status).toBe(403);
    expect((await get(page.url, { origin: "https://evil.example" })).status).toBe(403);
  });
});
