import { afterEach, describe, expect, it } from "vitest";
import type { TicketDraft } from "../tickets/new-ticket-request.ts";
import type { DeliveryOutcome } from "../tickets/ticket-outbox.ts";
import { startLocalPage, type LocalPage, type LocalPageActions } from "./local-page-server.ts";

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001", "hex");
const SHOT = Buffer.from("89504e470d0a1a0a0000000d49484452000000ff", "hex");
const confirmed = { active: true, identity: { confirmed: true as const, fullName: "Alice Martin", email: "alice@contoso.test" } };

const pages: LocalPage[] = [];
afterEach(async () => Promise.all(pages.splice(0).map((page) => page.close())));

async function open(options: { identity?: typeof confirmed.identity | null; outcome?: DeliveryOutcome; actions?: Partial<LocalPageActions> } = {}) {
  const drafts: TicketDraft[] = [];
  const page = await startLocalPage(
    { profile: { name: "CONTOSO\\alice", displayName: "Alice" }, helpdesk: { active: true, identity: options.identity === undefined ? confirmed.identity : options.identity } },
    {
      captureScreen: async () => SHOT,
      actions: {
        sendToken: async () => ({ tone: "success", text: "sent" }),
        confirm: async () => ({ tone: "success", text: "ok" }),
        submitTicket: async (draft) => (drafts.push(draft), options.outcome ?? { kind: "created", number: 1042, portalUrl: "https://help.example/portal/tickets/1042" }),
        myTickets: async () => ({ server: [], serverError: null, waiting: [], failed: [] }),
        portalLink: async () => ({ url: "https://help.example/portal/sign-in?t=abc" }),
        dismissFailed: () => {},
        ...options.actions,
      },
    },
  );
  pages.push(page);
  const first = await fetch(page.url);
  const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
  const base = new URL(page.url).origin;
  const get = (path: string) => fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
  const post = (path: string, body: FormData | URLSearchParams) => fetch(`${base}${path}`, { method: "POST", body, headers: { cookie, origin: base }, redirect: "manual" });
  return { page, drafts, get, post, base };
}

function formOf(html: string) {
  return { key: /name="key" value="([^"]+)"/.exec(html)?.[1], screenshot: /name="screenshot" value="([^"]+)"/.exec(html)?.[1] };
}

describe("the local page's tickets", () => {
  it("opens Add Ticket with a screenshot served from memory, under a CSP without script", async () => {
    const { get } = await open();
    const response = await get("/add-ticket");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    const html = await response.text();
    expect(html).not.toContain("<script");
    for (const text of ['<h2 id="add-ticket">Add Ticket</h2>', '<label for="title">Title</label>', '<label for="description">Description</label>', '<label for="attachments">Attachments</label>', 'type="file" multiple', '<label for="removeScreenshot">Remove screenshot</label>', '<button type="submit">Submit</button>']) expect(html).toContain(text);
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
    expect(html).toContain("<h2 id=\"ticket-result\">Ticket #1042 created</h2>");
    expect(html).toContain('<a href="https://help.example/portal/tickets/1042">View it in the Customer Portal</a>');
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ idempotencyKey: key, title: "Outlook keeps crashing", description: "Since this morning." });
    expect(drafts[0]!.attachments.map((file) => [file.name, file.contentType, file.data.equals(file.name === "screenshot.png" ? SHOT : PNG)])).toEqual([
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
    for (const [name, value] of Object.entries({ key: key!, screenshot: screenshot!, removeScreenshot: "1", title: "VPN", description: "" })) form.append(name, value);
    const html = await (await saved.post("/add-ticket", form)).text();
    expect(html).toContain("Saved. It will be sent when the server can be reached.");
    expect(saved.drafts[0]!.attachments).toEqual([]);

    const refused = await open({ outcome: { kind: "refused", status: 413, code: "payload_too_large", message: "Attachments may total at most 10 MiB." } });
    const again = new FormData();
    again.append("title", "<b>VPN</b>");
    const page = await (await refused.post("/add-ticket", again)).text();
    expect(page).toContain('role="alert" class="notice error">Attachments may total at most 10 MiB.');
    expect(page).toContain('value="&#60;b&#62;VPN&#60;/b&#62;"');
  });

  it("asks for a title, and refuses attachments over the cap with a clear sentence before sending anything", async () => {
    const { post, drafts } = await open();
    const untitled = new FormData();
    untitled.append("title", " ");
    expect(await (await post("/add-ticket", untitled)).text()).toContain("Give your ticket a title.");
    const huge = new FormData();
    huge.append("title", "Big");
    huge.append("attachments", new Blob([Buffer.alloc(12 * 1024 * 1024)]), "dump.bin");
    const response = await post("/add-ticket", huge);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/The attachments are too large: .* at most \d+\.\d MiB can be sent\./);
    expect(drafts).toEqual([]);
  });

  it("leads Add Ticket and the portal to Personal Info Settings while the identity is unconfirmed, saying why", async () => {
    const { get, post, drafts } = await open({ identity: null });
    const response = await get("/add-ticket");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/settings?for=ticket");
    expect(await (await get("/settings?for=ticket")).text()).toContain("Confirm your identity before you create a ticket");
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
          waiting: [{ idempotencyKey: "k-waiting-1", profile: "CONTOSO\\alice", title: "Printer", createdAt: "2026-11-23T11:00:00.000Z" }],
          failed: [{ idempotencyKey: "k-failed-1", profile: "CONTOSO\\alice", title: "Huge", createdAt: "2026-11-23T11:00:00.000Z", failure: { status: 413, code: "payload_too_large", message: "Too big.", at: "2026-11-23T11:00:01.000Z" } }],
        }),
        dismissFailed: (key) => void dismissed.push(key),
      },
    });
    const html = await (await get("/tickets")).text();
    expect(html).toContain('<h2 id="my-tickets">My tickets</h2>');
    expect(html).toMatch(/<td>Printer<\/td><td>Waiting to send<\/td>/);
    expect(html).toContain("Not sent: Too big.");
    expect(html).toContain("<td>#7</td><td>&#60;img src=x&#62;</td><td>Pending</td>");
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
    const older = await open({ actions: { portalLink: async () => ({ error: "The Customer Portal cannot be opened from the agent yet: this server does not offer it." }) } });
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
