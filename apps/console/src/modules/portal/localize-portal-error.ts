import { DomainError } from "@helpline/core";
import { getTranslator, type Locale, type Translator } from "@helpline/i18n";
import { MAX_TICKET_ATTACHMENT_BYTES, type TErrorBody } from "@helpline/protocol";
import { ZodError } from "zod";

const TEXT_FIELDS = { title: "fields.title", description: "fields.description", body: "fields.body" } as const;

/** The sentence for a refused input: the first issue's field and the check it failed. */
function invalidInput(error: ZodError, t: Translator<"portal">): string {
  const issue = error.issues[0];
  const [field, index] = issue?.path ?? [];
  if (!issue) return t("errors.invalid");
  if (field === "title" || field === "description" || field === "body") {
    if (issue.code === "too_small") return t(field === "body" ? "errors.messageRequired" : "errors.titleRequired");
    const name = t(`errors.${TEXT_FIELDS[field]}`);
    if (issue.code === "too_big") return t("errors.tooLong", { field: name, max: Number(issue.maximum) });
    return t("errors.unstorable", { field: name });
  }
  if (field === "attachments")
    return issue.code === "too_big" && index === undefined
      ? t("errors.tooManyFiles", { max: Number(issue.maximum) })
      : t("errors.badFile");
  if (field === "email") return t("errors.email");
  if (field === "language") return t("errors.language");
  return t("errors.invalid");
}

/** The catalog's sentence for an error the domain or the endpoint raised, by its code. */
function sentence(error: unknown, code: string, t: Translator<"portal">): string {
  if (error instanceof ZodError) return invalidInput(error, t);
  switch (code) {
    case "too_many_requests":
      return t("errors.tooManySignIns");
    case "invalid_link":
      return t("errors.invalidLink");
    case "ticket_closed":
      return t("errors.ticketClosed");
    case "not_found":
      return t("errors.ticketNotFound");
    case "contact_not_found":
      return t("errors.contactGone");
    case "invalid_cursor":
      return t("list.invalidCursor");
    case "payload_too_large":
      return t("errors.tooLarge", { max: MAX_TICKET_ATTACHMENT_BYTES / 1024 / 1024 });
    case "service_unavailable":
      return t("errors.unavailable");
    case "internal_error":
      return t("errors.internal");
    default:
      // A file the domain refused (storeAttachment names `attachments.N`), else an input it refused.
      return error instanceof DomainError && error.message.startsWith("`attachments.")
        ? t("errors.notAnImage")
        : t("errors.invalid");
  }
}

/**
 * The JSON error body a portal endpoint answers (errorResponse's), with its message in `locale`,
 * the contact's language. English keeps the domain's own sentence, word for word (it may name the
 * field and the sizes involved); another language gets the catalog's sentence for the error's code
 * and, for a refused input, its field and the check it failed (`portal.errors`), never English.
 * The code, status and fields are unchanged.
 */
export function localizePortalError(options: { error: unknown; body: TErrorBody; locale: Locale }): TErrorBody {
  const { error, body, locale } = options;
  if (locale === "en") return body;
  return { error: { ...body.error, message: sentence(error, body.error.code, getTranslator(locale, "portal")) } };
}
