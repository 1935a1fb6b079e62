import type { TIdentity } from "@helpline/protocol";
import { ProtocolError, type AgentClient } from "../agent-client.ts";
import type { Notice } from "../local-page/html.ts";
import type { LocalPageActions } from "../local-page/local-page-types.ts";
import type { Inventory } from "../system/inventory.ts";
import { newTicketRequest } from "../tickets/new-ticket-request.ts";
import type { TicketOutbox } from "../tickets/ticket-outbox.ts";

const UNREACHABLE = "Cannot reach the Helpline server right now. Try again in a moment.";

function plainWords(error: unknown): Notice {
  // The server's refusals are written for people (wrong token, expired, wait N minutes).
  if (error instanceof ProtocolError) return { tone: "error", text: error.message };
  return { tone: "error", text: UNREACHABLE };
}

/**
 * What the local page's forms do, for whoever is signed in when they are used (`profile()`: their
 * profile name, "" when nobody; `inventory()`: what the last check-in sent): identity tokens and
 * ticket lists through `client`, new tickets through `outbox` (saved on disk first, then sent).
 * Failures come back as sentences for the user (the server's refusal, or "cannot reach"), not as
 * thrown errors; `onConfirmed` hears of an identity the server confirmed.
 */
export function localPageActions(options: {
  client: AgentClient;
  outbox: TicketOutbox;
  profile: () => string;
  inventory: () => Inventory;
  onConfirmed: (identity: TIdentity) => void;
}): LocalPageActions {
  const { client, outbox, profile } = options;
  return {
    sendToken: async (fullName, email) => {
      try {
        const { sentTo } = await client.sendIdentityToken({ profile: profile(), fullName, email });
        return { tone: "success", text: `We sent a token to ${sentTo}. It expires in 15 minutes: paste it below.` };
      } catch (error) {
        return plainWords(error);
      }
    },
    confirm: async (token) => {
      try {
        const { identity } = await client.confirmIdentity({ profile: profile(), token });
        options.onConfirmed(identity);
        return { tone: "success", text: `Thank you, ${identity.fullName}: you are confirmed.` };
      } catch (error) {
        return plainWords(error);
      }
    },
    submitTicket: (draft) => outbox.submit(newTicketRequest(draft, profile(), options.inventory())),
    myTickets: async () => {
      const unsent = outbox.unsent(profile());
      try {
        return { server: (await client.listTickets(profile())).tickets, serverError: null, ...unsent };
      } catch (error) {
        const reason =
          error instanceof ProtocolError
            ? error.message
            : `${UNREACHABLE} Only tickets kept on this computer are listed.`;
        return { server: [], serverError: reason, ...unsent };
      }
    },
    portalLink: async () => {
      try {
        return { url: (await client.portalLink(profile())).url };
      } catch (error) {
        if (error instanceof ProtocolError && error.status === 404)
          return { error: "The Customer Portal cannot be opened from the agent yet: this server does not offer it." };
        return { error: plainWords(error).text };
      }
    },
    dismissFailed: (key) => outbox.dismiss(key),
  };
}
