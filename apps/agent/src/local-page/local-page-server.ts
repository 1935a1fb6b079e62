import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { CaptureScreen } from "../system/screenshot.ts";
import { guardRequest, securityHeaders } from "./guard-request.ts";
import { pageTranslator } from "./html.ts";
import {
  viewLocale,
  type HomeReplies,
  type LocalPageActions,
  type LocalPageContext,
  type LocalPageView,
  type Reply,
} from "./local-page-types.ts";
import { renderHome } from "./render-local-page.ts";
import { routeRequest } from "./route-request.ts";
import { ScreenshotStore } from "./screenshot-store.ts";

export type LocalPage = {
  url: string;
  /** A link that opens `path` in a browser that has no cookie yet (the tray and the hotkey use it). */
  urlFor: (path: string) => string;
  /** Takes the screenshot now, for an Add Ticket form about to be opened with `?shot=<id>`. */
  takeScreenshot: () => Promise<string | null>;
  /** Keeps a screenshot taken elsewhere (the Windows tray's) for a form opened with `?shot=<id>`. */
  addScreenshot: (png: Buffer) => string;
  update: (view: LocalPageView) => void;
  close: () => Promise<void>;
};

/**
 * The agent's end-user page on the loopback interface (what tests and non-Windows platforms use;
 * the tray and hotkey open the same pages). Only this machine can reach it, and only with the
 * per-run secret: a foreign Host (DNS rebinding) or Origin (another site's page) is refused, so
 * another site can neither read it nor post its forms (see guard-request.ts). Listens on `port`
 * (default: one the OS picks) until `close()`.
 */
export async function startLocalPage(
  initial: LocalPageView,
  options: { port?: number; actions?: LocalPageActions; captureScreen?: CaptureScreen; replies?: HomeReplies } = {},
): Promise<LocalPage> {
  const secret = randomBytes(24).toString("base64url");
  const screenshots = new ScreenshotStore();
  const captureScreen = options.captureScreen ?? (async () => null);
  let view = initial;
  let port = 0;

  const context: LocalPageContext = {
    view: () => view,
    screenshots,
    takeScreenshot: async () => {
      const png = await captureScreen().catch(() => null);
      return png ? screenshots.add(png) : null;
    },
    actions: options.actions,
    replies: options.replies,
  };

  const server = http.createServer(async (request, response) => {
    const verdict = guardRequest(request, { port, secret, locale: viewLocale(view) });
    if (!verdict.allowed) {
      response.writeHead(verdict.status, { "content-type": "text/plain; charset=utf-8" }).end(verdict.text);
      return;
    }
    let reply: Reply;
    try {
      reply = await routeRequest(request, verdict.url, context);
    } catch {
      reply = {
        status: 200,
        html: renderHome(view, {
          notice: { tone: "error", text: pageTranslator(viewLocale(view))("didNotWork") },
          withNav: Boolean(options.actions),
        }),
      };
    }
    const headers = securityHeaders({ viaLink: verdict.viaLink, secret });
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
    takeScreenshot: context.takeScreenshot,
    addScreenshot: (png) => screenshots.add(png),
    update: (next) => void (view = next),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
