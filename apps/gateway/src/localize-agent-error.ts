import { DomainError } from "@helpline/core";
import { getTranslator, negotiateLocale, type Locale } from "@helpline/i18n";
import type { TErrorBody } from "@helpline/protocol";

type AgentTranslator = ReturnType<typeof getTranslator<"agent">>;

/** The sentence for a refused input (parseBody names its field): which field the person got wrong. */
function invalidInput(field: unknown, t: AgentTranslator): string {
  switch (field) {
    case "email":
      return t("errors.email");
    case "fullName":
      return t("errors.fullName");
    case "token":
      return t("errors.token");
    default:
      return t("errors.invalid");
  }
}

function sentence(error: unknown, code: string, t: AgentTranslator): string {
  const params = error instanceof DomainError ? (error.params ?? {}) : {};
  switch (code) {
    case "helpdesk_inactive":
      return t("errors.helpdeskInactive");
    case "identity_unconfirmed":
      return t("errors.identityUnconfirmed");
    case "invalid_token":
      return t("errors.invalidToken", { reason: String(params.reason ?? "none"), left: Number(params.left ?? 0) });
    case "too_many_attempts":
      return t("errors.tooManyAttempts");
    case "too_many_requests":
      return typeof params.minutes === "number"
        ? t("errors.tokenThrottled", { minutes: params.minutes })
        : t("errors.tooManyRequests");
    case "idempotency_key_reused":
      return t("errors.ticketKeyReused", { number: Number(params.number ?? 0) });
    case "payload_too_large":
      return t("errors.tooLarge");
    case "invalid_request":
      return invalidInput(params.field, t);
    case "not_found":
      return t("errors.notFound");
    case "service_unavailable":
      return t("errors.unavailable");
    default:
      return t("errors.refused", { code });
  }
}

/**
 * The JSON error body of an agent endpoint, with its message in the language the agent asked for
 * (`Accept-Language`, RFC 9110 §12.5.4: the local page sends the language it shows, so the
 * person reads the refusal in it). English, or no header (older agents, the CLI), keeps the
 * domain's sentence word for word; another language gets the `agent.errors` sentence for the
 * code, filled from the error's `params` (minutes to wait, tries left; for a refused input, the
 * field). The code, status and fields are unchanged, so programs are not affected.
 */
export function localizeAgentError(options: {
  error: unknown;
  body: TErrorBody;
  acceptLanguage: string | undefined;
}): TErrorBody {
  if (!options.acceptLanguage) return options.body;
  const locale: Locale = negotiateLocale(options.acceptLanguage);
  if (locale === "en") return options.body;
  const message = sentence(options.error, options.body.error.code, getTranslator(locale, "agent"));
  return { error: { ...options.body.error, message } };
}
