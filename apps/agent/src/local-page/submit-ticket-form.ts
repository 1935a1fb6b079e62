import { randomUUID } from "node:crypto";
import type http from "node:http";
import type { Locale } from "@helpline/i18n";
import { MAX_ATTACHMENTS_BYTES, safeContentType, type AttachmentFile } from "../tickets/ticket-attachments.ts";
import { formatSize } from "./format-size.ts";
import { pageTranslator } from "./html.ts";
import { viewLocale, type LocalPageActions, type LocalPageContext, type Reply } from "./local-page-types.ts";
import { isMultipartForm, MultipartError, readMultipartForm, type MultipartForm } from "./multipart-form.ts";
import {
  firstReplySentence,
  renderAddTicket,
  renderNotFound,
  renderTicketCreated,
  renderTicketSaved,
  type AddTicketForm,
  type AddTicketProblem,
} from "./render-ticket-pages.ts";
import type { ScreenshotStore } from "./screenshot-store.ts";

// A browser without script uploads whatever was chosen before the agent can answer: up to this
// much is read (and dropped, ~10 s here) so that it gets the page saying why; past it, Chromium
// shows a reset connection. Memory stays flat: only files that fit are kept.
const MAX_TICKET_UPLOAD_BYTES = 1024 * 1024 * 1024;

/** The refusal of files that total `amount` ("12 MiB", "more than 1 GiB"), in `locale`. */
function attachmentsTooLarge(amount: string, locale: Locale): string {
  return pageTranslator(locale)("attachmentsTooLarge", { amount, max: formatSize(MAX_ATTACHMENTS_BYTES, locale) });
}

/** The Add Ticket form as typed, in `locale`, with `problem` (if any) said above it or next to Attachments. */
export function addTicketPage(
  form: AddTicketForm,
  problem: AddTicketProblem | null,
  screenshots: ScreenshotStore,
  locale: Locale,
): Reply {
  return {
    status: 200,
    html: renderAddTicket(form, {
      locale,
      problem,
      maxAttachmentsBytes: MAX_ATTACHMENTS_BYTES,
      tooLargeTemplate: attachmentsTooLarge("{total}", locale),
      screenshotBytes: screenshots.get(form.screenshotId)?.byteLength ?? 0,
    }),
  };
}

/**
 * POST /add-ticket: reads the multipart form as it streams (fields, the chosen files, the id of
 * the screenshot taken when the form opened), hands the ticket to `actions.submitTicket` and
 * answers "created", "saved" (server unreachable: queued on disk), or the form as typed with what
 * to fix: no title, attachments (screenshot included) over MAX_ATTACHMENTS_BYTES, the server's
 * refusal. A body that is not multipart or is malformed gets 400.
 */
export async function submitTicketForm(
  request: http.IncomingMessage,
  context: LocalPageContext,
  actions: LocalPageActions,
): Promise<Reply> {
  const { screenshots } = context;
  const locale = viewLocale(context.view());
  const t = pageTranslator(locale);
  if (!isMultipartForm(request.headers["content-type"])) {
    request.resume();
    return { status: 400, html: renderNotFound(locale) };
  }
  let upload: MultipartForm;
  try {
    upload = await readMultipartForm(request, {
      maxFileBytes: MAX_ATTACHMENTS_BYTES,
      hardCapBytes: MAX_TICKET_UPLOAD_BYTES,
    });
  } catch (error) {
    if (error instanceof MultipartError) return { status: 400, html: renderNotFound(locale) };
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
  const back = (problem: AddTicketProblem): Reply => ({
    ...addTicketPage(form, { chosenAgain: chosen, ...problem }, screenshots, locale),
    close: !upload.complete,
  });

  const screenshot = form.removeScreenshot ? null : screenshots.get(form.screenshotId);
  const total = upload.fileBytes + (screenshot?.byteLength ?? 0);
  if (total > MAX_ATTACHMENTS_BYTES) {
    const amount = upload.complete
      ? formatSize(total, locale)
      : t("moreThan", { amount: formatSize(MAX_TICKET_UPLOAD_BYTES, locale) });
    return back({
      notice: { tone: "error", text: t("nothingSent") },
      attachments: attachmentsTooLarge(amount, locale),
    });
  }
  if (!form.title) return back({ notice: { tone: "error", text: t("titleMissing") } });
  const attachments: AttachmentFile[] = files
    .filter((file) => file.field === "attachments")
    .map((file) => ({ name: file.name, contentType: safeContentType(file.contentType, file.data), data: file.data }));
  if (screenshot) attachments.push({ name: "screenshot.png", contentType: "image/png", data: screenshot });

  const outcome = await actions.submitTicket({
    idempotencyKey: form.key,
    title: form.title,
    description: form.description,
    attachments,
  });
  if (outcome.kind === "refused")
    return addTicketPage(
      { ...form, key: randomUUID() },
      { notice: { tone: "error", text: outcome.message }, chosenAgain: chosen },
      screenshots,
      locale,
    );
  // The screenshot stays (the store keeps only the last few): the browser re-sending this form
  // must send the same content, or the server refuses its key as reused (422).
  if (outcome.kind === "created") {
    const firstReplyBy = outcome.firstReplyDue
      ? firstReplySentence(outcome.firstReplyDue, locale)
      : outcome.firstReplyBy;
    return { status: 200, html: renderTicketCreated({ ...outcome, firstReplyBy }, locale) };
  }
  return { status: 200, html: renderTicketSaved(locale) };
}
