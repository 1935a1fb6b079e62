import { LOCALES, languageName } from "@helpline/i18n";
import type { LocalPageView, ReplyNotice } from "./local-page-types.ts";
import { viewLocale } from "./local-page-types.ts";
import { escapeHtml, pageTranslator, renderLayout, type Notice } from "./html.ts";

type T = ReturnType<typeof pageTranslator>;

function who(view: LocalPageView, t: T): string {
  return view.profile ? view.profile.displayName || view.profile.name : t("you");
}

function identityState(view: LocalPageView, t: T): string {
  const identity = view.helpdesk.identity;
  return identity?.confirmed
    ? `<p>${escapeHtml(t("confirmedAs", { name: identity.fullName, email: identity.email }))}</p>`
    : `<p>${escapeHtml(t("notConfirmed"))}</p>`;
}

function repliesList(replies: readonly ReplyNotice[], t: T): string {
  if (replies.length === 0) return "";
  const items = replies.map(
    (reply) =>
      `<li>${escapeHtml(t("newReply", { number: reply.ticketNumber, from: reply.from, title: reply.title }))}</li>`,
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
  const locale = viewLocale(view);
  const t = pageTranslator(locale);
  const main = `<div class="state"><p>${escapeHtml(t("helpdeskOn", { who: who(view, t) }))}</p>${identityState(view, t)}</div>${repliesList(options.replies ?? [], t)}`;
  return renderLayout({ locale, current: "/", notice: options.notice, main, withNav: options.withNav });
}

// Why Personal Info Settings opened instead of what was asked for: the server refuses tickets and
// portal links until the identity is confirmed.
const REASONS = { ticket: "reasonTicket", portal: "reasonPortal" } as const;
const isReason = (value: string | null): value is keyof typeof REASONS => value === "ticket" || value === "portal";

/** Language: Automatic, then each catalog by its own name, the person's choice selected. */
function languageForm(view: LocalPageView, t: T): string {
  const chosen = view.chosenLanguage ?? "";
  const options = [
    { value: "", label: t("languageAutomatic") },
    ...LOCALES.map((locale) => ({ value: locale, label: languageName(locale) })),
  ].map(
    (option) =>
      `<option value="${option.value}"${option.value === chosen ? " selected" : ""}${option.value ? ` lang="${option.value}"` : ""}>${escapeHtml(option.label)}</option>`,
  );
  return `<form method="post" action="/language">
<label for="language">${escapeHtml(t("languageHeading"))}</label><select id="language" name="language" aria-describedby="language-hint">${options.join("")}</select>
<p class="hint" id="language-hint">${escapeHtml(t("languageAutomaticHint"))}</p>
<button type="submit">${escapeHtml(t("saveLanguage"))}</button></form>`;
}

/**
 * Personal Info Settings: the identity confirmation (send a token by email, paste it back) and the
 * page's Language.
 */
export function renderSettings(
  view: LocalPageView,
  options: { notice: Notice | null; form: URLSearchParams | null; reason: string | null },
): string {
  const locale = viewLocale(view);
  const t = pageTranslator(locale);
  const value = (name: string, fallback = "") => escapeHtml(options.form?.get(name) ?? fallback);
  const reason = isReason(options.reason)
    ? `<p role="status" class="notice error">${escapeHtml(t(REASONS[options.reason]))}</p>`
    : "";
  const forms = view.helpdesk.identity?.confirmed
    ? ""
    : `<p>${escapeHtml(t("confirmOnce"))}</p>
<form method="post" action="/send-token">
<label for="fullName">${escapeHtml(t("fullName"))}</label><input id="fullName" name="fullName" autocomplete="name" required value="${value("fullName", view.profile?.displayName ?? "")}">
<label for="email">${escapeHtml(t("email"))}</label><input id="email" name="email" type="email" autocomplete="email" required value="${value("email")}">
<button type="submit">${escapeHtml(t("sendToken"))}</button></form>
<form method="post" action="/confirm">
<label for="token">${escapeHtml(t("confirmationToken"))}</label><input id="token" name="token" autocomplete="one-time-code" placeholder="K7Q-4MZ-92X" required>
<button type="submit">${escapeHtml(t("save"))}</button></form>`;
  const main = `<section aria-labelledby="personal-info"><h2 id="personal-info">${escapeHtml(t("settingsHeading"))}</h2>${reason}${identityState(view, t)}${forms}</section>
${languageForm(view, t)}`;
  return renderLayout({ locale, current: "/settings", notice: options.notice, main });
}
