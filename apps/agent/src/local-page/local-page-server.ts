import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { THelpdeskState, TProfileRef } from "@helpline/protocol";
import type { CaptureScreen } from "../system/screenshot.ts";
import { attachmentsTooLarge, attachmentsTooLargeMessage, MAX_ATTACHMENTS_BYTES, MAX_ATTACHMENTS_TEXT, safeContentType, type AttachmentFile } from "../tickets/ticket-attachments.ts";
import type { TicketDraft } from "../tickets/new-ticket-request.ts";
import type { DeliveryOutcome } from "../tickets/ticket-outbox.ts";
import type { Notice } from "./html.ts";
import { multipartBoundary, parseMultipart, type MultipartForm } from "./multipart-form.ts";
import { readBody } from "./read-body.ts";
import { renderHome, renderSettings } from "./render-local-page.ts";
import { renderAddTicket, renderMyTickets, renderNotFound, renderPortalUnavailable, renderTicketCreated, renderTicketSaved, type AddTicketForm, type MyTickets } from "./render-ticket-pages.ts";
import { ScreenshotStore } from "./screenshot-store.ts";

export type LocalPageView = { profile: TProfileRef | null; helpdesk: THelpdeskState };

/** What the page's forms do: the agent's calls to the server, for the profile signed in now. */
export type LocalPageActions = {
  sendToken: (fullName: string, email: string) => Promise<Notice>;
  confirm: (token: string) => Promise<Notice>;
  submitTicket: (draft: TicketDraft) => Promise<DeliveryOutcome>;
  myTickets: () => Promise<MyTickets>;
  portalLink: () => Promise<{ url: string } | { error: string }>;
  dismissFailed: (idempotencyKey: string) => void;
};

export type LocalPage = {
  url: string;
  /** A link that opens `path` in a browser that has no cookie yet (the tray and the hotkey use it). */
  urlFor: (path: string) => string;
  /** Takes the screenshot now, for an Add Ticket form about to be opened with `?shot=<id>`. */
  takeScreenshot: () => Promise<string | null>;
  update: (view: LocalPageView) => void;
  close: () => Promise<void>;
};

const COOKIE = "helpline_local";
const MAX_FORM_BYTES = 8 * 1024;
// The files, plus room for the text fields and the multipart framing.
const MAX_TICKET_FORM_BYTES = MAX_ATTACHMENTS_BYTES + 512 * 1024;
// Forms only, no script anywhere; images only from this page (the screenshot thumbnail).
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function sameSecret(given: string | null | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readForm(request: http.IncomingMessage): Promise<URLSearchParams> {
  const body = await readBody(request, MAX_FORM_BYTES);
  if (body === "too-large") throw new Error("form too large");
  return new URLSearchParams(body.toString("utf8"));
}

type Reply = { status: number; html?: string; location?: string; png?: Buffer };

/**
 * The agent's end-user page on the loopback interface (what tests and non-Windows platforms use;
 * the tray and hotkey open the same pages). Only this machine can reach it, and only with the
 * per-run secret: a foreign Host (DNS rebinding) or Origin (another site's page) is refused, so
 * another site can neither read it nor post its forms.
 */
export async function startLocalPage(initial: LocalPageView, options: { port?: number; actions?: LocalPageActions; captureScreen?: CaptureScreen } = {}): Promise<LocalPage> {
  const secret = randomBytes(24).toString("base64url");
  const screenshots = new ScreenshotStore();
  const captureScreen = options.captureScreen ?? (async () => null);
  let view = initial;
  let port = 0;

  const takeScreenshot = async (): Promise<string | null> => {
    const png = await captureScreen().catch(() => null);
    return png ? screenshots.add(png) : null;
  };
  const confirmed = () => view.helpdesk.identity?.confirmed === true;

  const addTicketPage = (form: AddTicketForm, notice: Notice | null): Reply => ({ status: 200, html: renderAddTicket(form, { notice, maxAttachmentsText: MAX_ATTACHMENTS_TEXT }) });

  async function submitTicket(request: http.IncomingMessage, actions: LocalPageActions): Promise<Reply> {
    const boundary = multipartBoundary(request.headers["content-type"]);
    if (!boundary) return { status: 400, html: renderNotFound() };
    const body = await readBody(request, MAX_TICKET_FORM_BYTES);
    if (body === "too-large") {
      const declared = Number(request.headers["content-length"]) || MAX_TICKET_FORM_BYTES;
      return addTicketPage({ key: randomUUID(), title: "", description: "", screenshotId: null }, { tone: "error", text: attachmentsTooLargeMessage(declared) });
    }
    let parsed: MultipartForm;
    try {
      parsed = parseMultipart(body, boundary);
    } catch {
      return { status: 400, html: renderNotFound() };
    }
    const { fields, files } = parsed;
    const screenshotId = fields.get("screenshot");
    const form: AddTicketForm = { key: fields.get("key") ?? randomUUID(), title: fields.get("title")?.trim() ?? "", description: fields.get("description") ?? "", screenshotId: screenshots.get(screenshotId) ? screenshotId : null };
    if (!form.title) return addTicketPage(form, { tone: "error", text: "Give your ticket a title." });
    const attachments: AttachmentFile[] = files
      .filter((file) => file.field === "attachments")
      .map((file) => ({ name: file.name, contentType: safeContentType(file.contentType, file.data), data: file.data }));
    const screenshot = fields.get("removeScreenshot") ? null : screenshots.get(screenshotId);
    if (screenshot) attachments.push({ name: "screenshot.png", contentType: "image/png", data: screenshot });
    const tooLarge = attachmentsTooLarge(attachments);
    if (tooLarge) return addTicketPage(form, { tone: "error", text: tooLarge });

    const outcome = await actions.submitTicket({ idempotencyKey: form.key, title: form.title, description: form.description, attachments });
    if (outcome.kind === "refused") return addTicketPage({ ...form, key: randomUUID() }, { tone: "error", text: outcome.message });
    // The screenshot stays (the store keeps only the last few): the browser re-sending this form
    // must send the same content, or the server refuses its key as reused (422).
    if (outcome.kind === "created") return { status: 200, html: renderTicketCreated(outcome) };
    return { status: 200, html: renderTicketSaved() };
  }

  async function route(request: http.IncomingMessage, url: URL): Promise<Reply> {
    const actions = options.actions;
    const method = request.method;
    if (method === "GET" && url.pathname === "/") return { status: 200, html: renderHome(view, { notice: null, withNav: Boolean(actions) }) };
    if (method === "GET" && url.pathname.startsWith("/screenshot/")) {
      const png = screenshots.get(url.pathname.slice("/screenshot/".length));
      return png ? { status: 200, png } : { status: 404, html: renderNotFound() };
    }
    if (!actions) return { status: 404, html: renderNotFound() };
    switch (`${method} ${url.pathname}`) {
      case "GET /settings":
        return { status: 200, html: renderSettings(view, { notice: null, form: null, reason: url.searchParams.get("for") }) };
      case "POST /send-token": {
        const form = await readForm(request);
        const notice = await actions.sendToken(form.get("fullName") ?? "", form.get("email") ?? "");
        return { status: 200, html: renderSettings(view, { notice, form, reason: null }) };
      }
      case "POST /confirm": {
        const form = await readForm(request);
        const notice = await actions.confirm(form.get("token") ?? "");
        return { status: 200, html: renderSettings(view, { notice, form, reason: null }) };
      }
      case "GET /add-ticket": {
        if (!confirmed()) return { status: 303, location: "/settings?for=ticket" };
        const given = url.searchParams.get("shot");
        const screenshotId = screenshots.get(given) ? given : await takeScreenshot();
        return addTicketPage({ key: randomUUID(), title: "", description: "", screenshotId }, null);
      }
      case "POST /add-ticket":
        if (!confirmed()) {
          request.resume();
          return { status: 303, location: "/settings?for=ticket" };
        }
        return submitTicket(request, actions);
      case "GET /tickets":
        return { status: 200, html: renderMyTickets(await actions.myTickets(), { notice: null }) };
      case "POST /tickets/dismiss": {
        const form = await readForm(request);
        actions.dismissFailed(form.get("key") ?? "");
        return { status: 303, location: "/tickets" };
      }
      case "GET /portal": {
        if (!confirmed()) return { status: 303, location: "/settings?for=portal" };
        const link = await actions.portalLink();
        // Only a web address is followed: the answer comes from the network.
        if ("url" in link && /^https?:\/\//i.test(link.url)) return { status: 303, location: link.url };
        return { status: 200, html: renderPortalUnavailable("error" in link ? link.error : "The server gave an address that is not a web page.") };
      }
      default:
        if (method !== "GET") request.resume();
        return method === "GET" || method === "POST" ? { status: 404, html: renderNotFound() } : { status: 405, html: renderNotFound() };
    }
  }

  const server = http.createServer(async (request, response) => {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    const origin = request.headers.origin;
    if (!allowedHosts.includes(request.headers.host ?? "") || (origin && !allowedHosts.some((host) => origin === `http://${host}`))) {
      response.writeHead(403, { "content-type": "text/plain" }).end("Forbidden");
      return;
    }
    const url = new URL(request.url ?? "/", `http://${request.headers.host}`);
    const cookie = /(?:^|;\s*)helpline_local=([^;]+)/.exec(request.headers.cookie ?? "")?.[1];
    const viaLink = request.method === "GET" && sameSecret(url.searchParams.get("s"), secret);
    if (!viaLink && !sameSecret(cookie, secret)) {
      response.writeHead(403, { "content-type": "text/plain" }).end("Open this page from the Helpline agent.");
      return;
    }
    let reply: Reply;
    try {
      reply = await route(request, url);
    } catch {
      reply = { status: 200, html: renderHome(view, { notice: { tone: "error", text: "That did not work. Try again." }, withNav: Boolean(options.actions) }) };
    }
    // same-origin, not no-referrer: the secret in the first URL never leaves for another site, and
    // the browser still sends this page's Origin on its own form posts (no-referrer makes it "null").
    const headers: http.OutgoingHttpHeaders = { "cache-control": "no-store", "content-security-policy": CSP, "x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "same-origin" };
    if (viaLink) headers["set-cookie"] = `${COOKIE}=${secret}; HttpOnly; SameSite=Strict; Path=/`;
    if (reply.location) headers.location = reply.location;
    if (reply.png) headers["content-type"] = "image/png";
    else if (reply.html) headers["content-type"] = "text/html; charset=utf-8";
    response.writeHead(reply.status, headers).end(reply.png ?? reply.html ?? "");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const urlFor = (path: string) => `http://127.0.0.1:${port}${path}${path.includes("?") ? "&" : "?"}s=${secret}`;
  return {
    url: urlFor("/"),
    urlFor,
    takeScreenshot,
    update: (next) => void (view = next),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
