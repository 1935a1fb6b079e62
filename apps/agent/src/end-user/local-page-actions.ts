import { isLocale, type Locale } from "@helpline/i18n";
import type { TIdentity } from "@helpline/protocol";
import { ProtocolError, type AgentClient } from "../agent-client.ts";
import { pageTranslator, type Notice } from "../local-page/html.ts";
import type { LocalPageActions } from "../local-page/local-page-types.ts";
import type { Inventory } from "../system/inventory.ts";
import { newTicketRequest } from "../tickets/new-ticket-request.ts";
import type { TicketOutbox } from "../tickets/ticket-outbox.ts";

/**
 * What the local page's forms do, for whoever is signed in when they are used (`profile()`: their
 * profile name, "" when nobody; `inventory()`: what the last check-in sent; `locale()`: the page's
 * language now): identity tokens, ticket lists and the language through `client`, new tickets
 * through `outbox` (saved on disk first, then sent). Failures come back as sentences for the user
 * in their language (the server's refusal, which it writes in the language the call names, or
 * "cannot reach"), not as thrown
 * errors; `onConfirmed` hears of an identity the server confirmed, `onLanguage` of the person's
 * choice (null: Automatic) and, once the server took it, the language now in force. `chosen()`: the
 * language the person picked on this page before confirming (kept here until then): once the
 * identity is confirmed it goes to the server, so it follows them everywhere as the page promised.
 */
export function localPageActions(options: {
  client: AgentClient;
  outbox: TicketOutbox;
  profile: () => string;
  inventory: () => Inventory;
  locale: () => Locale;
  confirmed: () => boolean;
  chosen: () => Locale | null;
  onConfirmed: (identity: TIdentity) => void;
  onLanguage: (chosen: Locale | null, inForce: Locale | null) => void;
}): LocalPageActions {
  const { client, outbox, profile } = options;
  const t = () => pageTranslator(options.locale());
  const plainWords = (error: unknown): Notice =>
    // The server's refusals are written for people (wrong token, expired, wait N minutes), in the
    // page's language (the calls send it as Accept-Language).
    error instanceof ProtocolError
      ? { tone: "error", text: error.message }
      : { tone: "error", text: t()("unreachable") };
  return {
    sendToken: async (fullName, email) => {
      try {
        const { sentTo } = await client.sendIdentityToken({ profile: profile(), fullName, email }, options.locale());
        return { tone: "success", text: t()("tokenSent", { email: sentTo }) };
      } catch (error) {
        return plainWords(error);
      }
    },
    confirm: async (token) => {
      try {
        const { identity } = await client.confirmIdentity({ profile: profile(), token }, options.locale());
        options.onConfirmed(identity);
        const chosen = options.chosen();
        if (chosen) {
          try {
            const answer = await client.setLanguage({ profile: profile(), language: chosen }, chosen);
            options.onLanguage(chosen, isLocale(answer.language) ? answer.language : null);
          } catch {
            // Kept on this page; the next Save under Language sends it again.
          }
        }
        return { tone: "success", text: t()("thankYou", { name: identity.fullName }) };
      } catch (error) {
        return plainWords(error);
      }
    },
    submitTicket: (draft) => outbox.submit(newTicketRequest(draft, profile(), options.inventory()), options.locale()),
    myTickets: async () => {
      const unsent = outbox.unsent(profile());
      try {
        return {
          server: (await client.listTickets(profile(), options.locale())).tickets,
          serverError: null,
          ...unsent,
        };
      } catch (error) {
        const reason =
          error instanceof ProtocolError ? error.message : `${t()("unreachable")} ${t()("onlyLocalTickets")}`;
        return { server: [], serverError: reason, ...unsent };
      }
    },
    portalLink: async () => {
      try {
        return { url: (await client.portalLink(profile(), options.locale())).url };
      } catch (error) {
        if (error instanceof ProtocolError && error.status === 404) return { error: t()("portalNotOffered") };
        return { error: plainWords(error).text };
      }
    },
    dismissFailed: (key) => outbox.dismiss(key),
    setLanguage: async (language) => {
      // Before the identity is confirmed there is no contact to keep it on: this page keeps it.
      if (!options.confirmed()) {
        options.onLanguage(language, null);
        return { tone: "success", text: t()("languageKeptHere") };
      }
      try {
        const answer = await client.setLanguage({ profile: profile(), language }, options.locale());
        options.onLanguage(language, isLocale(answer.language) ? answer.language : null);
        return { tone: "success", text: t()("languageSaved") };
      } catch (error) {
        if (error instanceof ProtocolError && error.status === 409) {
          options.onLanguage(language, null);
          return { tone: "success", text: t()("languageKeptHere") };
        }
        return plainWords(error);
      }
    },
  };
}
