import { formatZonedDateTime, formatZonedDay, type Locale } from "@helpline/i18n";
import { displayFileName, type TAgentTicketSummary, type TFirstReplyDue } from "@helpline/protocol";
import { formatLocalTime } from "../format-time.ts";
import type { QueuedTicketMeta } from "../tickets/ticket-queue.ts";
import { formatSize } from "./format-size.ts";
import { escapeHtml, pageTranslator, renderLayout, type Notice } from "./html.ts";

export type AddTicketForm = {
  key: string;
  title: string;
  description: string;
  screenshotId: string | null;
  removeScreenshot: boolean;
};
/** Why the form came back: a sentence for the whole form, or for its Attachments. */
export type AddTicketProblem = {
  notice: Notice | null;
  attachments?: string;
  chosenAgain?: { name: string; bytes: number }[];
};
export type MyTickets = {
  server: TAgentTicketSummary[];
  serverError: string | null;
  waiting: QueuedTicketMeta[];
  failed: QueuedTicketMeta[];
};

// Checks the chosen files against the limit before anything is uploaded: a browser sends all of a
// form's files before the agent can say a word, and a few hundred megabytes would take that long.
// Without script the agent reads and answers the same (see readMultipartForm). The CSP lets only
// this exact script run (by its hash).
export const ADD_TICKET_SCRIPT = `(() => {
const form = document.getElementById("add-ticket-form");
const files = document.getElementById("attachments");
const error = document.getElementById("attachments-error");
const removeShot = document.getElementById("removeScreenshot");
const size = (bytes) => {
  const mib = bytes / 1048576;
  const digits = Number.isInteger(mib) ? 0 : 1;
  const amount = new Intl.NumberFormat(document.documentElement.lang, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(mib);
  return form.dataset.mib.replace("{amount}", amount);
};
const check = () => {
  let total = removeShot && !removeShot.checked ? Number(form.dataset.screenshotBytes) : 0;
  for (const file of files.files) total += file.size;
  const over = total > Number(form.dataset.maxBytes);
  error.textContent = over ? form.dataset.tooLarge.replace("{total}", size(total)) : "";
  error.hidden = !over;
  if (over) files.setAttribute("aria-invalid", "true"); else files.removeAttribute("aria-invalid");
  return !over;
};
files.addEventListener("change", check);
if (removeShot) removeShot.addEventListener("change", check);
form.addEventListener("submit", (event) => { if (!check()) { event.preventDefault(); files.focus(); } });
})();`;

function chosenList(files: { name: string; bytes: number }[], locale: Locale): string {
  return files.map((file) => `${displayFileName(file.name)} (${formatSize(file.bytes, locale)})`).join(", ");
}

/**
 * Add Ticket, with the screenshot taken when it opened: attached unless removed. When the
 * form comes back with a problem, everything typed and the screenshot are still there; the files
 * cannot be (a browser never lets a page fill in a file input), so it names them to choose again.
 */
export function renderAddTicket(
  form: AddTicketForm,
  options: {
    locale: Locale;
    problem: AddTicketProblem | null;
    maxAttachmentsBytes: number;
    tooLargeTemplate: string;
    screenshotBytes: number;
  },
): string {
  const { problem, locale } = options;
  const t = pageTranslator(locale);
  const screenshot = form.screenshotId
    ? `<img class="thumb" src="/screenshot/${escapeHtml(form.screenshotId)}" alt="${escapeHtml(t("screenshotAlt"))}">
<input type="hidden" name="screenshot" value="${escapeHtml(form.screenshotId)}">
<div class="check"><input type="checkbox" id="removeScreenshot" name="removeScreenshot" value="1"${form.removeScreenshot ? " checked" : ""}><label for="removeScreenshot">${escapeHtml(t("removeScreenshot"))}</label></div>
<p class="hint">${escapeHtml(t("screenshotHint"))}</p>`
    : `<p class="hint">${escapeHtml(t("noScreenshot"))}</p>`;
  const again = problem?.chosenAgain?.length
    ? `<p class="hint" id="attachments-again">${escapeHtml(t("chooseAgain", { files: chosenList(problem.chosenAgain, locale) }))}</p>`
    : "";
  const describedBy = ["attachments-hint", "attachments-error", again ? "attachments-again" : ""]
    .filter(Boolean)
    .join(" ");
  // Text fields and the screenshot come before the files: a body cut off for its size still has them.
  // The sentence next to Attachments is a polite live region for the script's check; a refusal
  // from the agent also says so at the top of the page (role=alert).
  const main = `<section aria-labelledby="add-ticket"><h2 id="add-ticket">${escapeHtml(t("addTicketHeading"))}</h2>
<form id="add-ticket-form" method="post" action="/add-ticket" enctype="multipart/form-data" data-max-bytes="${options.maxAttachmentsBytes}" data-screenshot-bytes="${form.screenshotId ? options.screenshotBytes : 0}" data-too-large="${escapeHtml(options.tooLargeTemplate)}" data-mib="${escapeHtml(t("size", { unit: "MiB", amount: "{amount}" }))}">
<input type="hidden" name="key" value="${escapeHtml(form.key)}">
<label for="title">${escapeHtml(t("ticketTitle"))}</label><input id="title" name="title" required maxlength="200" value="${escapeHtml(form.title)}">
<label for="description">${escapeHtml(t("description"))}</label><textarea id="description" name="description" rows="6" maxlength="20000">${escapeHtml(form.description)}</textarea>
<fieldset><legend>${escapeHtml(t("screenshot"))}</legend>${screenshot}</fieldset>
<label for="attachments">${escapeHtml(t("attachments"))}</label><input id="attachments" name="attachments" type="file" multiple aria-describedby="${describedBy}"${problem?.attachments ? ' aria-invalid="true"' : ""}>
<p class="hint" id="attachments-hint">${escapeHtml(t("attachmentsHint", { max: formatSize(options.maxAttachmentsBytes, locale) }))}</p>
<p class="field-error" id="attachments-error" aria-live="polite"${problem?.attachments ? "" : " hidden"}>${escapeHtml(problem?.attachments ?? "")}</p>${again}
<button type="submit">${escapeHtml(t("submit"))}</button></form></section><script>${ADD_TICKET_SCRIPT}</script>`;
  return renderLayout({ locale, current: "/add-ticket", notice: problem?.notice ?? null, main });
}

// Only a web address may become a link: a server answer is data, not markup.
function safeHref(url: string): string | null {
  return /^https?:\/\//i.test(url) ? escapeHtml(url) : null;
}

/**
 * When the first reply is due, in `locale`: the server's sentence in English ("We will reply by
 * Thursday 3 December, 09:30 CET"); in another language the same promise written from its time
 * and zone (formatZonedDay), the server's sentence when those cannot be read.
 */
export function firstReplySentence(due: TFirstReplyDue, locale: Locale, now = new Date()): string {
  const at = new Date(due.at);
  if (locale === "en" || Number.isNaN(at.getTime())) return due.text;
  try {
    return pageTranslator(locale)("firstReplyBy", { when: formatZonedDay(at, due.timeZone, now, locale) });
  } catch {
    return due.text;
  }
}

/**
 * "Ticket #N created": the receipt to come and, when the server said when the first reply is due
 * (`firstReplyBy`, its sentence with the time in the customer's zone, named), that sentence.
 */
export function renderTicketCreated(
  ticket: { number: number; portalUrl: string; firstReplyBy: string | null },
  locale: Locale,
): string {
  const t = pageTranslator(locale);
  const href = safeHref(ticket.portalUrl);
  const promise = ticket.firstReplyBy ? `<p><strong>${escapeHtml(ticket.firstReplyBy)}.</strong></p>` : "";
  const main = `<section aria-labelledby="ticket-result"><h2 id="ticket-result">${escapeHtml(t("ticketCreated", { number: ticket.number }))}</h2>
<div role="status"><p>${escapeHtml(t("ticketReceived"))}</p>${promise}</div>
${href ? `<p><a href="${href}">${escapeHtml(t("viewInPortal"))}</a></p>` : ""}<p><a href="/tickets">${escapeHtml(t("myTicketsHeading"))}</a></p></section>`;
  return renderLayout({ locale, current: null, main });
}

export function renderTicketSaved(locale: Locale): string {
  const t = pageTranslator(locale);
  const until = t.markup("ticketSavedUntil", { link: (chunks) => `<a href="/tickets">${chunks}</a>` });
  const main = `<section aria-labelledby="ticket-result"><h2 id="ticket-result">${escapeHtml(t("ticketSavedHeading"))}</h2>
<p role="status">${escapeHtml(t("ticketSaved"))}</p>
<p>${until}</p></section>`;
  return renderLayout({ locale, current: null, main });
}

// In the workstation's zone, named: the person reading sits at it. English keeps the agent's
// sortable "2026-11-30 18:40 UTC+01:00"; other languages write the date their way ("30 nov. 2026, 18:40 CET").
function when(iso: string, locale: Locale): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  if (locale === "en") return formatLocalTime(iso, { seconds: false });
  return formatZonedDateTime(at, Intl.DateTimeFormat().resolvedOptions().timeZone, locale);
}

/** My tickets: what waits on this machine first, then what the server has. */
export function renderMyTickets(tickets: MyTickets, options: { notice: Notice | null; locale: Locale }): string {
  const { locale } = options;
  const t = pageTranslator(locale);
  // The dash is only drawn; a screen reader says what it means.
  const NO_NUMBER = `<span aria-hidden="true">—</span><span class="visually-hidden">${escapeHtml(t("noNumber"))}</span>`;
  const waiting = tickets.waiting.map(
    (ticket) =>
      `<tr><td>${NO_NUMBER}</td><td>${escapeHtml(ticket.title)}</td><td>${escapeHtml(t("waitingToSend"))}</td><td>${when(ticket.createdAt, locale)}</td></tr>`,
  );
  const failed = tickets.failed.map(
    (ticket) =>
      `<tr><td>${NO_NUMBER}</td><td>${escapeHtml(ticket.title)}</td><td>${escapeHtml(t("notSent", { reason: ticket.failure?.message ?? t("refusedByServer") }))}<form method="post" action="/tickets/dismiss"><input type="hidden" name="key" value="${escapeHtml(ticket.idempotencyKey)}"><button type="submit">${escapeHtml(t("dismiss"))}</button></form></td><td>${when(ticket.failure?.at ?? ticket.createdAt, locale)}</td></tr>`,
  );
  const sent = tickets.server.map(
    (ticket) =>
      `<tr><td>#${ticket.number}</td><td>${escapeHtml(ticket.title)}</td><td>${escapeHtml(t(`status.${ticket.status}`))}</td><td>${when(ticket.updatedAt, locale)}</td></tr>`,
  );
  const rows = [...waiting, ...failed, ...sent];
  const serverError = tickets.serverError
    ? `<p role="alert" class="notice error">${escapeHtml(tickets.serverError)}</p>`
    : "";
  const main = `<section aria-labelledby="my-tickets"><h2 id="my-tickets">${escapeHtml(t("myTicketsHeading"))}</h2>${serverError}
<table><thead><tr><th scope="col">${escapeHtml(t("columnNumber"))}</th><th scope="col">${escapeHtml(t("columnTitle"))}</th><th scope="col">${escapeHtml(t("columnStatus"))}</th><th scope="col">${escapeHtml(t("columnUpdated"))}</th></tr></thead>
<tbody>${rows.length > 0 ? rows.join("\n") : `<tr><td colspan="4">${escapeHtml(t("noTickets"))}</td></tr>`}</tbody></table>
<p><a href="/add-ticket">${escapeHtml(t("addTicketHeading"))}</a></p></section>`;
  return renderLayout({ locale, current: "/tickets", notice: options.notice, main });
}

export function renderPortalUnavailable(message: string, locale: Locale): string {
  const t = pageTranslator(locale);
  const main = `<section aria-labelledby="portal"><h2 id="portal">${escapeHtml(t("portalHeading"))}</h2><p role="alert" class="notice error">${escapeHtml(message)}</p></section>`;
  return renderLayout({ locale, current: "/portal", main });
}

export function renderNotFound(locale: Locale): string {
  const t = pageTranslator(locale);
  return renderLayout({
    locale,
    current: null,
    main: `<h2>${escapeHtml(t("notFoundHeading"))}</h2><p>${escapeHtml(t("notFound"))}</p>`,
  });
}
