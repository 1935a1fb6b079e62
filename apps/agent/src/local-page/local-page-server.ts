import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { formatBytes, type THelpdeskState, type TProfileRef } from "@helpline/protocol";
import type { CaptureScreen } from "../system/screenshot.ts";
import { attachmentsTooLargeMessage, MAX_ATTACHMENTS_BYTES, safeContentType, type AttachmentFile } from "../tickets/ticket-attachments.ts";
import type { TicketDraft } from "../tickets/new-ticket-request.ts";
import type { DeliveryOutcome } from "../tickets/ticket-outbox.ts";
import type { Notice } from "./html.ts";
import { isMultipartForm, MultipartError, readMultipartForm, type MultipartForm } from "./multipart-form.ts";
import { readBody } from "./read-body.ts";
import { renderHome, renderSettings } from "./render-local-page.ts";
import { ADD_TICKET_SCRIPT, renderAddTicket, renderMyTickets, renderNotFound, renderPortalUnavailable, renderTicketCreated, renderTicketSaved, type AddTicketForm, type AddTicketProblem, type MyTickets } from "./render-ticket-pages.ts";
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
// A browser without script uploads whatever was chosen before the agent can answer: up to this
// much is read (and dropped, ~10 s here) so that it gets the page saying why; past it, Chromium
// shows a reset connection. Memory stays flat: only files that fit are kept.
const MAX_TICKET_UPLOAD_BYTES = 1024 * 1024 * 1024;
// Forms, and one script (Add Ticket's size check) allowed by its hash; images only from this page
// (the screenshot thumbnail).
const CSP = `default-src 'none'; script-src 'sha256-${createHash("sha256").update(ADD_TICKET_SCRIPT).digest("base64")}'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

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

// `close`: the request was not read to its end, so the connection cannot carry another one.
type Reply = { status: number; html?: string; location?: string; png?: Buffer; close?: boolean };

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

  const addTicketPage = (form: AddTicketForm, problem: AddTicketProblem | null): Reply => ({
    status: 200,
    html: renderAddTicket(form, { problem, maxAttachmentsBytes: MAX_ATTACHMENTS_BYTES, tooLargeTemplate: attachmentsTooLargeMessage("{total}"), screenshotBytes: screenshots.get(form.screenshotId)?.byteLength ?? 0 }),
  });

  async function submitTicket(request: http.IncomingMessage, actions: LocalPageActions): Promise<Reply> {
    if (!isMultipartForm(request.headers["content-type"])) {
      request.resume();
      return { status: 400, html: renderNotFound() };
    }
    let upload: MultipartForm;
    try {
      upload = await readMultipartForm(request, { maxFileBytes: MAX_ATTACHMENTS_BYTES, hardCapBytes: MAX_TICKET_UPLOAD_BYTES });
    } catch (error) {
      if (error instanceof MultipartError) return { status: 400, html: renderNotFound() };
      throw error;
    }
    const { fields, files, chosen } = upload;
    const screenshotId = fields.get("screenshot");
    const form: AddTicketForm = {
      key: fields.get("key") ?? randomUUID(),
      title: fields.get("title")?.trim() ?? "",
      description: fields.get("description") ?? "",
      screenshotId: screenshots.get(screenshotId) ? screenshotId! : null,
      removeScreenshot: fields.has("removeScreenshot"),
    };
    const back = (problem: AddTicketProblem): Reply => ({ ...addTicketPage(form, { chosenAgain: chosen, ...problem }), close: !upload.complete });

    const screenshot = form.removeScreenshot ? null : screenshots.get(form.screenshotId);
    const total = upload.fileBytes + (screenshot?.byteLength ?? 0);
    if (total > MAX_ATTACHMENTS_BYTES) {
      const amount = upload.complete ? total : `more than ${formatBytes(MAX_TICKET_UPLOAD_BYTES)}`;
      return back({ notice: { tone: "error", text: "Nothing was sent: the attachments are too large. Your title, description and screenshot are still here." }, attachments: attachmentsTooLargeMessage(amount) });
    }
    if (!form.title) return back({ notice: { tone: "error", text: "Give your ticket a title." } });
    const attachments: AttachmentFile[] = files
      .filter((file) => file.field === "attachments")
      .map((file) => ({ name: file.name, contentType: safeContentType(file.contentType, file.data), data: file.data }));
    if (screenshot) attachments.push({ name: "screenshot.png", contentType: "image/png", data: screenshot });

    const outcome = await actions.submitTicket({ idempotencyKey: form.key, title: form.title, description: form.description, attachments });
    if (outcome.kind === "refused") return addTicketPage({ ...form, key: randomUUID() }, { notice: { tone: "error", text: outcome.message }, chosenAgain: chosen });
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
        return addTicketPage({ key: randomUUID(), title: "", description: "", screenshotId, removeScreenshot: false }, null);
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
    if (reply.close) headers.connection = "close";
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
