import { displayFileName, formatBytes, type TAgentTicketSummary } from "@helpline/protocol";
import { formatLocalTime } from "../format-time.ts";
import type { QueuedTicketMeta } from "../tickets/ticket-queue.ts";
import { escapeHtml, renderLayout, type Notice } from "./html.ts";

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
const size = (bytes) => { const mib = bytes / 1048576; return (Number.isInteger(mib) ? mib : mib.toFixed(1)) + " MiB"; };
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

function chosenList(files: { name: string; bytes: number }[]): string {
  return files
    .map((file) => `${escapeHtml(displayFileName(file.name))} (${escapeHtml(formatBytes(file.bytes))})`)
    .join(", ");
}

/**
 * Add Ticket, with the screenshot taken when it opened: attached unless removed. When the
 * form comes back with a problem, everything typed and the screenshot are still there; the files
 * cannot be (a browser never lets a page fill in a file input), so it names them to choose again.
 */
export function renderAddTicket(
  form: AddTicketForm,
  options: {
    problem: AddTicketProblem | null;
    maxAttachmentsBytes: number;
    tooLargeTemplate: string;
    screenshotBytes: number;
  },
): string {
  const problem = options.problem;
  const screenshot = form.screenshotId
    ? `<img class="thumb" src="/screenshot/${escapeHtml(form.screenshotId)}" alt="Screenshot of your screen">
<input type="hidden" name="screenshot" value="${escapeHtml(form.screenshotId)}">
<div class="check"><input type="checkbox" id="removeScreenshot" name="removeScreenshot" value="1"${form.removeScreenshot ? " checked" : ""}><label for="removeScreenshot">Remove screenshot</label></div>
<p class="hint">Taken when this form opened; it is attached unless you remove it.</p>`
    : `<p class="hint">No screenshot could be taken of your screen.</p>`;
  const again = problem?.chosenAgain?.length
    ? `<p class="hint" id="attachments-again">Choose your files again, a browser cannot keep them: ${chosenList(problem.chosenAgain)}.</p>`
    : "";
  const describedBy = ["attachments-hint", "attachments-error", again ? "attachments-again" : ""]
    .filter(Boolean)
    .join(" ");
  // Text fields and the screenshot come before the files: a body cut off for its size still has them.
  // The sentence next to Attachments is a polite live region for the script's check; a refusal
  // from the agent also says so at the top of the page (role=alert).
  const main = `<section aria-labelledby="add-ticket"><h2 id="add-ticket">Add Ticket</h2>
<form id="add-ticket-form" method="post" action="/add-ticket" enctype="multipart/form-data" data-max-bytes="${options.maxAttachmentsBytes}" data-screenshot-bytes="${form.screenshotId ? options.screenshotBytes : 0}" data-too-large="${escapeHtml(options.tooLargeTemplate)}">
<input type="hidden" name="key" value="${escapeHtml(form.key)}">
<label for="title">Title</label><input id="title" name="title" required maxlength="200" value="${escapeHtml(form.title)}">
<label for="description">Description</label><textarea id="description" name="description" rows="6" maxlength="20000">${escapeHtml(form.description)}</textarea>
<fieldset><legend>Screenshot</legend>${screenshot}</fieldset>
<label for="attachments">Attachments</label><input id="attachments" name="attachments" type="file" multiple aria-describedby="${describedBy}"${problem?.attachments ? ' aria-invalid="true"' : ""}>
<p class="hint" id="attachments-hint">Optional; at most ${escapeHtml(formatBytes(options.maxAttachmentsBytes))} in all, screenshot included.</p>
<p class="field-error" id="attachments-error" aria-live="polite"${problem?.attachments ? "" : " hidden"}>${escapeHtml(problem?.attachments ?? "")}</p>${again}
<button type="submit">Submit</button></form></section><script>${ADD_TICKET_SCRIPT}</script>`;
  return renderLayout({ current: "/add-ticket", notice: problem?.notice ?? null, main });
}

// Only a web address may become a link: a server answer is data, not markup.
function safeHref(url: string): string | null {
  return /^https?:\/\//i.test(url) ? escapeHtml(url) : null;
}

/**
 * "Ticket #N created": the receipt to come and, when the server said when the first reply is due
 * (`firstReplyBy`, its sentence with the time in the customer's zone, named), that sentence.
 */
export function renderTicketCreated(ticket: {
  number: number;
  portalUrl: string;
  firstReplyBy: string | null;
}): string {
  const href = safeHref(ticket.portalUrl);
  const promise = ticket.firstReplyBy ? `<p><strong>${escapeHtml(ticket.firstReplyBy)}.</strong></p>` : "";
  const main = `<section aria-labelledby="ticket-result"><h2 id="ticket-result">Ticket #${ticket.number} created</h2>
<div role="status"><p>We have your ticket. You will get a receipt by email.</p>${promise}</div>
${href ? `<p><a href="${href}">View it in the Customer Portal</a></p>` : ""}<p><a href="/tickets">My tickets</a></p></section>`;
  return renderLayout({ current: null, main });
}

export function renderTicketSaved(): string {
  const main = `<section aria-labelledby="ticket-result"><h2 id="ticket-result">Ticket saved</h2>
<p role="status">Saved. It will be sent when the server can be reached.</p>
<p>Until then it shows as “Waiting to send” on <a href="/tickets">My tickets</a>.</p></section>`;
  return renderLayout({ current: null, main });
}

const STATUS_LABELS: Record<TAgentTicketSummary["status"], string> = {
  open: "Open",
  pending: "Pending",
  resolved: "Resolved",
  closed: "Closed",
};

// In the workstation's zone, named: the person reading sits at it.
function when(iso: string): string {
  return Number.isNaN(new Date(iso).getTime()) ? "" : formatLocalTime(iso, { seconds: false });
}

// The dash is only drawn; a screen reader says what it means.
const NO_NUMBER = '<span aria-hidden="true">—</span><span class="visually-hidden">No number yet</span>';

/** My tickets: what waits on this machine first, then what the server has. */
export function renderMyTickets(tickets: MyTickets, options: { notice: Notice | null }): string {
  const waiting = tickets.waiting.map(
    (ticket) =>
      `<tr><td>${NO_NUMBER}</td><td>${escapeHtml(ticket.title)}</td><td>Waiting to send</td><td>${when(ticket.createdAt)}</td></tr>`,
  );
  const failed = tickets.failed.map(
    (ticket) =>
      `<tr><td>${NO_NUMBER}</td><td>${escapeHtml(ticket.title)}</td><td>Not sent: ${escapeHtml(ticket.failure?.message ?? "refused by the server")}<form method="post" action="/tickets/dismiss"><input type="hidden" name="key" value="${escapeHtml(ticket.idempotencyKey)}"><button type="submit">Dismiss</button></form></td><td>${when(ticket.failure?.at ?? ticket.createdAt)}</td></tr>`,
  );
  const sent = tickets.server.map(
    (ticket) =>
      `<tr><td>#${ticket.number}</td><td>${escapeHtml(ticket.title)}</td><td>${STATUS_LABELS[ticket.status]}</td><td>${when(ticket.updatedAt)}</td></tr>`,
  );
  const rows = [...waiting, ...failed, ...sent];
  const serverError = tickets.serverError
    ? `<p role="alert" class="notice error">${escapeHtml(tickets.serverError)}</p>`
    : "";
  const main = `<section aria-labelledby="my-tickets"><h2 id="my-tickets">My tickets</h2>${serverError}
<table><thead><tr><th scope="col">Number</th><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Updated</th></tr></thead>
<tbody>${rows.length > 0 ? rows.join("\n") : '<tr><td colspan="4">No tickets yet.</td></tr>'}</tbody></table>
<p><a href="/add-ticket">Add Ticket</a></p></section>`;
  return renderLayout({ current: "/tickets", notice: options.notice, main });
}

export function renderPortalUnavailable(message: string): string {
  const main = `<section aria-labelledby="portal"><h2 id="portal">Customer Portal</h2><p role="alert" class="notice error">${escapeHtml(message)}</p></section>`;
  return renderLayout({ current: "/portal", main });
}

export function renderNotFound(): string {
  return renderLayout({
    current: null,
    main: "<h2>Not found</h2><p>This page does not exist. Use the links above.</p>",
  });
}
