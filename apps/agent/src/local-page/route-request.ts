import { randomUUID } from "node:crypto";
import type http from "node:http";
import { AGENT_LANGUAGES } from "@helpline/protocol";
import { z } from "zod";
import { pageTranslator } from "./html.ts";
import { viewLocale, type LocalPageContext, type Reply } from "./local-page-types.ts";
import { readBody } from "./read-body.ts";
import { renderHome, renderSettings } from "./render-local-page.ts";
import { renderMyTickets, renderNotFound, renderPortalUnavailable } from "./render-ticket-pages.ts";
import { addTicketPage, submitTicketForm } from "./submit-ticket-form.ts";

const MAX_FORM_BYTES = 8 * 1024;

// Language ▸ Use this language: "" is Automatic; anything else but a catalog is not a choice.
const ZLanguageChoice = z.union([z.literal("").transform(() => null), z.enum(AGENT_LANGUAGES)]);

async function readForm(request: http.IncomingMessage): Promise<URLSearchParams> {
  const body = await readBody(request, MAX_FORM_BYTES);
  if (body === "too-large") throw new Error("form too large");
  return new URLSearchParams(body.toString("utf8"));
}

/**
 * The local page's routes, for a request the guard let through: Home and the screenshots always;
 * with actions, Personal Info Settings (and its Language), Add Ticket, My tickets and the Customer
 * Portal link. Every page is in the view's language.
 * Add Ticket and the portal need a confirmed identity (the server would refuse them): until then
 * they redirect to Personal Info Settings with `?for=` saying why. Throws what an action throws
 * (the server answers with Home and "That did not work").
 */
export async function routeRequest(request: http.IncomingMessage, url: URL, context: LocalPageContext): Promise<Reply> {
  const { actions, screenshots } = context;
  const view = context.view();
  const locale = viewLocale(view);
  const confirmed = view.helpdesk.identity?.confirmed === true;
  const method = request.method;
  if (method === "GET" && url.pathname === "/") {
    const replies = context.replies?.list() ?? [];
    const html = renderHome(view, { notice: null, withNav: Boolean(actions), replies });
    if (replies.length > 0) context.replies?.shown(replies.map((reply) => reply.id));
    return { status: 200, html };
  }
  if (method === "GET" && url.pathname.startsWith("/screenshot/")) {
    const png = screenshots.get(url.pathname.slice("/screenshot/".length));
    return png ? { status: 200, png } : { status: 404, html: renderNotFound(locale) };
  }
  if (!actions) return { status: 404, html: renderNotFound(locale) };
  switch (`${method} ${url.pathname}`) {
    case "GET /settings":
      return {
        status: 200,
        html: renderSettings(view, { notice: null, form: null, reason: url.searchParams.get("for") }),
      };
    case "POST /send-token": {
      const form = await readForm(request);
      const notice = await actions.sendToken(form.get("fullName") ?? "", form.get("email") ?? "");
      return { status: 200, html: renderSettings(context.view(), { notice, form, reason: null }) };
    }
    case "POST /confirm": {
      const form = await readForm(request);
      const notice = await actions.confirm(form.get("token") ?? "");
      return { status: 200, html: renderSettings(context.view(), { notice, form, reason: null }) };
    }
    case "GET /add-ticket": {
      if (!confirmed) return { status: 303, location: "/settings?for=ticket" };
      const given = url.searchParams.get("shot");
      const screenshotId = screenshots.get(given) ? given : await context.takeScreenshot();
      return addTicketPage(
        { key: randomUUID(), title: "", description: "", screenshotId, removeScreenshot: false },
        null,
        screenshots,
        locale,
      );
    }
    case "POST /add-ticket":
      if (!confirmed) {
        request.resume();
        return { status: 303, location: "/settings?for=ticket" };
      }
      return submitTicketForm(request, context, actions);
    case "POST /language": {
      const form = await readForm(request);
      const choice = ZLanguageChoice.safeParse(form.get("language") ?? "");
      if (!choice.success) return { status: 400, html: renderNotFound(locale) };
      const notice = await actions.setLanguage(choice.data);
      return { status: 200, html: renderSettings(context.view(), { notice, form: null, reason: null }) };
    }
    case "GET /tickets":
      return { status: 200, html: renderMyTickets(await actions.myTickets(), { notice: null, locale }) };
    case "POST /tickets/dismiss": {
      const form = await readForm(request);
      actions.dismissFailed(form.get("key") ?? "");
      return { status: 303, location: "/tickets" };
    }
    case "GET /portal": {
      if (!confirmed) return { status: 303, location: "/settings?for=portal" };
      const link = await actions.portalLink();
      // Only a web address is followed: the answer comes from the network.
      if ("url" in link && /^https?:\/\//i.test(link.url)) return { status: 303, location: link.url };
      return {
        status: 200,
        html: renderPortalUnavailable(
          "error" in link ? link.error : pageTranslator(locale)("portalBadAddress"),
          locale,
        ),
      };
    }
    default:
      if (method !== "GET") request.resume();
      return method === "GET" || method === "POST"
        ? { status: 404, html: renderNotFound(locale) }
        : { status: 405, html: renderNotFound(locale) };
  }
}
