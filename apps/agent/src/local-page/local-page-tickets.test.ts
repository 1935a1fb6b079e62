import { createHash } from "node:crypto";
import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { formatLocalTime } from "../format-time.ts";
import { MAX_ATTACHMENTS_BYTES } from "../tickets/ticket-attachments.ts";
import type { TicketDraft } from "../tickets/new-ticket-request.ts";
import type { DeliveryOutcome } from "../tickets/ticket-outbox.ts";
import { startLocalPage, type LocalPage } from "./local-page-server.ts";
import type { LocalPageActions } from "./local-page-types.ts";
import { ADD_TICKET_SCRIPT } from "./render-ticket-pages.ts";

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001", "hex");
const SHOT = Buffer.from("89504e470d0a1a0a0000000d49484452000000ff", "hex");
const confirmed = {
  active: true,
  identity: { confirmed: true as const, fullName: "Alice Martin", email: "alice@contoso.test" },
};

const pages: LocalPage[] = [];
afterEach(async () => Promise.all(pages.splice(0).map((page) => page.close())));

async function open(
  options: {
    identity?: typeof confirmed.identity | null;
    outcome?: DeliveryOutcome;
    actions?: Partial<LocalPageActions>;
  } = {},
) {
  const drafts: TicketDraft[] = [];
  const page = await startLocalPage(
    {
      profile: { name: "CONTOSO\\alice", displayName: "Alice" },
      helpdesk: { active: true, identity: options.identity === undefined ? confirmed.identity : options.identity },
    },
    {
      captureScreen: async () => SHOT,
      actions: {
        sendToken: async () => ({ tone: "success", text: "sent" }),
        confirm: async () => ({ tone: "success", text: "ok" }),
        submitTicket: async (draft) => (
          drafts.push(draft),
          options.outcome ?? {
            kind: "created",
            number: 1042,
            portalUrl: "https://help.example/portal/tickets/1042",
            firstReplyBy: null,
          }
        ),
        myTickets: async () => ({ server: [], serverError: null, waiting: [], failed: [] }),
        portalLink: async () => ({ url: "https://help.example/portal/sign-in?t=abc" }),
        dismissFailed: () => {},
        setLanguage: async () => ({ tone: "success", text: "unused" }),
        ...options.actions,
      },
    },
  );
  pages.push(page);
  const first = await fetch(page.url);
  const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
  const base = new URL(page.url).origin;
  const get = (path: string) => fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
  const post = (path: string, body: FormData | URLSearchParams) =>
    fetch(`${base}${path}`, { method: "POST", body, headers: { cookie, origin: base }, redirect: "manual" });
  return { page, drafts, get, post, base, cookie };
}

function formOf(html: string) {
  return {
    key: /name="key" value="([^"]+)"/.exec(html)?.[1],
    screenshot: /name="screenshot" value="([^"]+)"/.exec(html)?.[1],
  };
}

describe("the local page's tickets", () => {
  it("opens Add Ticket with a screenshot served from memory, under a CSP that runs only its own size check", async () => {
    const { get } = await open();
    const response = await get("/add-ticket");
    const scriptHash = createHash("sha256").update(ADD_TICKET_SCRIPT).digest("base64");
    expect(response.headers.get("content-security-policy")).toBe(
      `default-src 'none'; script-src 'sha256-${scriptHash}'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    );
    const html = await response.text();
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).toContain(`<script>${ADD_TICKET_SCRIPT}</script>`);
    expect(html).toContain(`data-max-bytes="${MAX_ATTACHMENTS_BYTES}" data-screenshot-bytes="${SHOT.length}"`);
    for (const text of [
      '<h2 id="add-ticket">Add Ticket</h2>',
      '<label for="title">Title</label>',
      '<label for="description">Description</label>',
      '<label for="attachments">Attachments</label>',
      'type="file" multiple',
      '<label for="removeScreenshot">Remove screenshot</label>',
      '<button type="submit">Submit</button>',
    ])
      expect(html).toContain(text);
    const { screenshot, key } = formOf(html);
    expect(key).toMatch(/^[\w-]{36}$/);
    expect(html).toContain(`<img class="thumb" src="/screenshot/${screenshot}"`);
    const image = await get(`/screenshot/${screenshot}`);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer()).equals(SHOT)).toBe(true);
    expect((await get("/screenshot/nope")).status).toBe(404);
  });

  it("submits title, description, attachments and the screenshot, with the form's idempotency key, and shows the number", async () => {
    const { get, post, drafts } = await open();
    const { key, screenshot } = formOf(await (await get("/add-ticket")).text());
    const form = new FormData();
    form.append("key", key!);
    form.append("screenshot", screenshot!);
    form.append("title", "  Outlook keeps crashing ");
    form.append("description", "Since this morning.");
    form.append("attachments", new Blob([PNG], { type: "image/png" }), "error.png");
    const html = await (await post("/add-ticket", form)).text();
    expect(html).toContain('<h2 id="ticket-result">Ticket #1042 created</h2>');
    expect(html).toContain('<a href="https://help.example/portal/tickets/1042">View it in the Customer Portal</a>');
    expect(html).not.toContain("We will reply by");
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      idempotencyKey: key,
      title: "Outlook keeps crashing",
      description: "Since this morning.",
    });
    expect(
      drafts[0]!.attachments.map((file) => [
        file.name,
        file.contentType,
        file.data.equals(file.name === "screenshot.png" ? SHOT : PNG),
      ]),
    ).toEqual([
      ["error.png", "image/png", true],
      ["screenshot.png", "image/png", true],
    ]);
    // The browser re-sending the form sends the same ticket, screenshot included: the server
    // answers that key with the first ticket only when the content is the same.
    await post("/add-ticket", form);
    expect(drafts).toHaveLength(2);
    expect(drafts[1]).toEqual(drafts[0]);
  });

  it("leaves the screenshot out when removed, says when it was saved for later, and keeps the user's text on a refusal", async () => {
    const saved = await open({ outcome: { kind: "waiting", reason: "down" } });
    const { key, screenshot } = formOf(await (await saved.get("/add-ticket")).text());
    const form = new FormData();
    for (const [name, value] of Object.entries({
      key: key!,
      screenshot: screenshot!,
      removeScreenshot: "1",
      title: "VPN",
      description: "",
    }))
      form.append(name, value);
    const html = await (await saved.post("/add-ticket", form)).text();
    expect(html).toContain("Saved. It will be sent when the server can be reached.");
    expect(saved.drafts[0]!.attachments).toEqual([]);

    const refused = await open({
      outcome: {
        kind: "refused",
        status: 413,
        code: "payload_too_large",
        message: "Attachments may total at most 10 MiB.",
      },
    });
    const again = new FormData();
    again.append("title", "<b>VPN</b>");
    again.append("attachments", new Blob(["log"]), "vpn\u202Egol.exe");
    const page = await (await refused.post("/add-ticket", again)).text();
    expect(page).toContain('role="alert" class="notice error">Attachments may total at most 10 MiB.');
    expect(page).toContain('value="&#60;b&#62;VPN&#60;/b&#62;"');
    // The file input cannot be filled in again: the page names what to choose, as it can be read.
    expect(page).toContain("Choose your files again, a browser cannot keep them: vpn_gol.exe (3 bytes).");
  });

  it("asks for a title, keeping the description and the screenshot", async () => {
    const { get, post, drafts } = await open();
    const { key, screenshot } = formOf(await (await get("/add-ticket")).text());
    const untitled = new FormData();
    for (const [name, value] of Object.entries({
      key: key!,
      title: " ",
      description: "Since Monday.",
      screenshot: screenshot!,
    }))
      untitled.append(name, value);
    const html = await (await post("/add-ticket", untitled)).text();
    expect(html).toContain("Give your ticket a title.");
    expect(html).toContain(">Since Monday.</textarea>");
    expect(formOf(html)).toEqual({ key, screenshot });
    expect(drafts).toEqual([]);
  });

  it(
    "refuses 20 MB of files next to Attachments, keeping the title, description, screenshot and its removal choice",
    { timeout: 30_000 },
    async () => {
      const { get, post, drafts } = await open();
      const { key, screenshot } = formOf(await (await get("/add-ticket")).text());
      const huge = new FormData();
      for (const [name, value] of Object.entries({
        key: key!,
        title: "Outlook <crashes>",
        description: "Every morning\r\nat 9.",
        screenshot: screenshot!,
        removeScreenshot: "1",
      }))
        huge.append(name, value);
      huge.append("attachments", new Blob([Buffer.alloc(12 * 1024 * 1024)]), "dump.bin");
      huge.append("attachments", new Blob([Buffer.alloc(8 * 1024 * 1024)]), "trace.etl");
      const response = await post("/add-ticket", huge);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(
        'id="attachments-error" aria-live="polite">The attachments are too large: 20 MiB in all, at most 8.8 MiB can be sent.',
      );
      expect(html).toContain(
        'role="alert" class="notice error">Nothing was sent: the attachments are too large. Your title, description and screenshot are still here.',
      );
      expect(html).toContain(
        'aria-describedby="attachments-hint attachments-error attachments-again" aria-invalid="true"',
      );
      expect(html).toContain(
        "Choose your files again, a browser cannot keep them: dump.bin (12 MiB), trace.etl (8 MiB).",
      );
      expect(html).toContain('value="Outlook &#60;crashes&#62;"');
      expect(html).toContain(">Every morning\r\nat 9.</textarea>");
      expect(formOf(html)).toEqual({ key, screenshot });
      expect(html).toContain('name="removeScreenshot" value="1" checked>');
      expect(drafts).toEqual([]);
      // The screenshot is still there to send with the next try.
      expect((await get(`/screenshot/${screenshot}`)).status).toBe(200);
    },
  );

  it("says when the first reply is due, in the server's words with the zone named, as text", async () => {
    const { get, post } = await open({
      outcome: {
        kind: "created",
        number: 1043,
        portalUrl: "https://help.example/portal/tickets/1043",
        firstReplyBy: "We will reply by Thursday 3 December, 09:30 CET <b>",
      },
    });
    const { key } = formOf(await (await get("/add-ticket")).text());
    const form = new FormData();
    form.append("key", key!);
    form.append("title", "VPN");
    const html = await (await post("/add-ticket", form)).text();
    expect(html).toContain(
      '<div role="status"><p>We have your ticket. You will get a receipt by email.</p><p><strong>We will reply by Thursday 3 December, 09:30 CET &#60;b&#62;.</strong></p></div>',
    );
  });

  it("counts the screenshot in the limit", { timeout: 30_000 }, async () => {
    const { get, post, drafts } = await open();
    const { screenshot } = formOf(await (await get("/add-ticket")).text());
    const form = new FormData();
    for (const [name, value] of Object.entries({ title: "Almost", screenshot: screenshot! })) form.append(name, value);
    form.append("attachments", new Blob([Buffer.alloc(MAX_ATTACHMENTS_BYTES)]), "exactly-the-limit.bin");
    expect(await (await post("/add-ticket", form)).text()).toContain("The attachments are too large");
    form.append("removeScreenshot", "1");
    expect(await (await post("/add-ticket", form)).text()).toContain("Ticket #1042 created");
    expect(drafts[0]!.attachments.map((file) => file.name)).toEqual(["exactly-the-limit.bin"]);
  });

  it(
    "answers a 50 MB upload from a plain HTTP client with the page, not a reset connection",
    { timeout: 30_000 },
    async () => {
      const { base, get, cookie, drafts } = await open();
      const { key, screenshot } = formOf(await (await get("/add-ticket")).text());
      const boundary = "----helpline-test";
      const head = Buffer.from(
        [
          ["key", key!],
          ["title", "Scanner"],
          ["description", "Kept."],
          ["screenshot", screenshot!],
        ]
          .map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
          .join("") +
          `--${boundary}\r\ncontent-disposition: form-data; name="attachments"; filename="scan.tiff"\r\ncontent-type: image/tiff\r\n\r\n`,
      );
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      const fileBytes = 50 * 1024 * 1024;
      const chunk = Buffer.alloc(1024 * 1024, 1);
      const answer = await new Promise<{ status: number; html: string }>((resolve, reject) => {
        const request = http.request(
          `${base}/add-ticket`,
          {
            method: "POST",
            headers: {
              cookie,
              origin: base,
              "content-type": `multipart/form-data; boundary=${boundary}`,
              "content-length": head.length + fileBytes + tail.length,
            },
          },
          (response) => {
            let html = "";
            response.on("data", (part: Buffer) => (html += part.toString()));
            response.on("end", () => resolve({ status: response.statusCode ?? 0, html }));
          },
        );
        request.on("error", reject);
        void (async () => {
          request.write(head);
          for (let sent = 0; sent < fileBytes; sent += chunk.length)
            if (!request.write(chunk)) await new Promise((drained) => request.once("drain", drained));
          request.end(tail);
        })();
      });
      expect(answer.status).toBe(200);
      expect(answer.html).toContain("The attachments are too large: 50.0 MiB in all");
      expect(answer.html).toContain('value="Scanner"');
      expect(answer.html).toContain(">Kept.</textarea>");
      expect(drafts).toEqual([]);
    },
  );

  it("leads Add Ticket and the portal to Personal Info Settings while the identity is unconfirmed, saying why", async () => {
    const { get, post, drafts } = await open({ identity: null });
    const response = await get("/add-ticket");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/settings?for=ticket");
    expect(await (await get("/settings?for=ticket")).text()).toContain(
      "Confirm your identity before you create a ticket",
    );
    const form = new FormData();
    form.append("title", "x");
    expect((await post("/add-ticket", form)).headers.get("location")).toBe("/settings?for=ticket");
    expect((await get("/portal")).headers.get("location")).toBe("/settings?for=portal");
    expect(drafts).toEqual([]);
  });

  it("lists My tickets: waiting, failed (with Dismiss) and the server's, all escaped", async () => {
    const dismissed: string[] = [];
    const { get, post } = await open({
      actions: {
        myTickets: async () => ({
          server: [{ number: 7, title: "<img src=x>", status: "pending", updatedAt: "2026-11-23T10:00:00.000Z" }],
          serverError: null,
          waiting: [
            {
              idempotencyKey: "k-waiting-1",
              profile: "CONTOSO\\alice",
              title: "Printer",
              createdAt: "2026-11-23T11:00:00.000Z",
            },
          ],
          failed: [
            {
              idempotencyKey: "k-failed-1",
              profile: "CONTOSO\\alice",
              title: "Huge",
              createdAt: "2026-11-23T11:00:00.000Z",
              failure: { status: 413, code: "payload_too_large", message: "Too big.", at: "2026-11-23T11:00:01.000Z" },
            },
          ],
        }),
        dismissFailed: (key) => void dismissed.push(key),
      },
    });
    const html = await (await get("/tickets")).text();
    expect(html).toContain('<h2 id="my-tickets">My tickets</h2>');
    expect(html).toMatch(/<td>Printer<\/td><td>Waiting to send<\/td>/);
    expect(html).toContain("Not sent: Too big.");
    expect(html).toContain("<td>#7</td><td>&#60;img src=x&#62;</td><td>Pending</td>");
    // Times in the workstation's zone (the test runner's), named.
    expect(html).toContain(`<td>${formatLocalTime("2026-11-23T10:00:00.000Z", { seconds: false })}</td>`);
    expect(html).toMatch(/<td>2026-11-2\d \d\d:\d\d UTC([+-]\d\d:\d\d)?<\/td>/);
    expect(html).not.toContain("<img src=x>");
    const response = await post("/tickets/dismiss", new URLSearchParams({ key: "k-failed-1" }));
    expect(response.headers.get("location")).toBe("/tickets");
    expect(dismissed).toEqual(["k-failed-1"]);
  });

  it("opens the Customer Portal by its one-time link, and says so plainly when the server cannot give one", async () => {
    const working = await open();
    const response = await working.get("/portal");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("https://help.example/portal/sign-in?t=abc");
    const older = await open({
      actions: {
        portalLink: async () => ({
          error: "The Customer Portal cannot be opened from the agent yet: this server does not offer it.",
        }),
      },
    });
    expect(await (await older.get("/portal")).text()).toContain("this server does not offer it");
    const hostile = await open({ actions: { portalLink: async () => ({ url: "javascript:alert(1)" }) } });
    expect((await hostile.get("/portal")).status).toBe(200);
  });

  it("takes the screenshot before the browser opens when the tray or hotkey asks (?shot=)", async () => {
    const { page, get } = await open();
    const shot = await page.takeScreenshot();
    expect(page.urlFor(`/add-ticket?shot=${shot}`)).toMatch(new RegExp(`/add-ticket\\?shot=${shot}&s=[\\w-]{32}$`));
    const html = await (await get(`/add-ticket?shot=${shot}`)).text();
    expect(formOf(html).screenshot).toBe(shot);
  });
});
