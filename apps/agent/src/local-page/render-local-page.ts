import type { LocalPageView, ReplyNotice } from "./local-page-types.ts";
import { escapeHtml, renderLayout, type Notice } from "./html.ts";

function who(view: LocalPageView): string {
  return view.profile ? escapeHtml(view.profile.displayName || view.profile.name) : "you";
}

function identityState(view: LocalPageView): string {
  const identity = view.helpdesk.identity;
  return identity?.confirmed
    ? `<p>You are confirmed as ${escapeHtml(identity.fullName)} (${escapeHtml(identity.email)}).</p>`
    : "<p>Your identity is not confirmed yet.</p>";
}

function repliesList(replies: readonly ReplyNotice[]): string {
  if (replies.length === 0) return "";
  const items = replies.map(
    (reply) =>
      `<li>New reply on ticket #${reply.ticketNumber} from ${escapeHtml(reply.from)}: ${escapeHtml(reply.title)}</li>`,
  );
  return `<ul class="replies" role="status">${items.join("")}</ul>`;
}

/**
 * Home: who the helpdesk is for, what can be done from here, and `replies` (technicians' replies
 * not shown anywhere else yet: on Linux and macOS there is no tray to notify).
 */
export function renderHome(
  view: LocalPageView,
  options: { notice: Notice | null; withNav: boolean; replies?: readonly ReplyNotice[] },
): string {
  const main = `<div class="state"><p>The helpdesk is on for ${who(view)}.</p>${identityState(view)}</div>${repliesList(options.replies ?? [])}`;
  return renderLayout({ current: "/", notice: options.notice, main, withNav: options.withNav });
}

// Why Personal Info Settings opened instead of what was asked for: the server refuses tickets and
// portal links until the identity is confirmed.
const REASONS: Record<string, string> = {
  ticket:
    "Confirm your identity before you create a ticket: we need to know who to answer. Once you are confirmed, Create New Ticket opens the form.",
  portal:
    "Confirm your identity before you open the Customer Portal: it shows the tickets of the person you confirm as.",
};

/** Personal Info Settings (the identity confirmation): send a token by email, paste it back. */
export function renderSettings(
  view: LocalPageView,
  options: { notice: Notice | null; form: URLSearchParams | null; reason: string | null },
): string {
  const value = (name: string, fallback = "") => escapeHtml(options.form?.get(name) ?? fallback);
  const reason =
    options.reason && REASONS[options.reason]
      ? `<p role="status" class="notice error">${REASONS[options.reason]}</p>`
      : "";
  const forms = view.helpdesk.identity?.confirmed
    ? ""
    : `<p>Confirm who you are once: we email you a token, you paste it here.</p>
<form method="post" action="/send-token">
<label for="fullName">Full name</label><input id="fullName" name="fullName" autocomplete="name" required value="${value("fullName", view.profile?.displayName ?? "")}">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" required value="${value("email")}">
<button type="submit">Send Token</button></form>
<form method="post" action="/confirm">
<label for="token">Confirmation Token</label><input id="token" name="token" autocomplete="one-time-code" placeholder="K7Q-4MZ-92X" required>
<button type="submit">Save</button></form>`;
  const main = `<section aria-labelledby="personal-info"><h2 id="personal-info">Personal Info Settings</h2>${reason}${identityState(view)}${forms}</section>`;
  return renderLayout({ current: "/settings", notice: options.notice, main });
}
