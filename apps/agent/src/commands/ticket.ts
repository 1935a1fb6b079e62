import { TICKET_PRIORITIES, type TTicketPriority } from "@helpline/protocol";
import { AgentClient } from "../agent-client.ts";
import { readInventory } from "../system/inventory.ts";
import { thisMachine } from "../system/this-machine.ts";
import { newTicketRequest } from "../tickets/new-ticket-request.ts";
import { attachmentsTooLarge, readAttachmentFile, type AttachmentFile } from "../tickets/ticket-attachments.ts";
import { TicketOutbox } from "../tickets/ticket-outbox.ts";
import { TicketQueue } from "../tickets/ticket-queue.ts";
import {
  defineCommand,
  oneOfOption,
  requiredOption,
  STATE_DIR_OPTION,
  stateDirOption,
  UsageError,
} from "./define-command.ts";
import { requireEnrolled } from "./require-enrolled.ts";
import { requireSignedIn } from "./require-signed-in.ts";

type TicketCommandOptions = {
  stateDir: string;
  title: string;
  description: string;
  priority: TTicketPriority;
  attach: string[];
};

/**
 * Add Ticket from a terminal, for the user signed in now. It goes through the same on-disk queue
 * as the local page: saved first, then sent; when the server cannot be reached it stays queued and
 * `run` delivers it later (exit 0: the ticket is not lost). Only a refusal is a failure.
 */
async function ticketCommand(options: TicketCommandOptions): Promise<number> {
  const state = requireEnrolled(options.stateDir);
  const inventory = readInventory();
  const profile = requireSignedIn(inventory);
  let files: AttachmentFile[];
  try {
    files = options.attach.map(readAttachmentFile);
  } catch (error) {
    console.error(`Cannot read an attachment: ${(error as Error).message}`);
    return 2;
  }
  const tooLarge = attachmentsTooLarge(files);
  if (tooLarge) {
    console.error(tooLarge);
    return 2;
  }
  const request = newTicketRequest(
    { title: options.title, description: options.description, priority: options.priority, attachments: files },
    profile,
    inventory,
  );
  const outbox = new TicketOutbox(
    new TicketQueue(options.stateDir),
    new AgentClient(state.server, state.agentToken, Infinity, thisMachine()),
  );
  const outcome = await outbox.submit(request);
  switch (outcome.kind) {
    case "created":
      console.log(`Ticket #${outcome.number} created: ${outcome.portalUrl}`);
      if (outcome.firstReplyBy) console.log(`${outcome.firstReplyBy}.`);
      return 0;
    case "refused":
      console.error(outcome.message);
      return 1;
    default:
      console.log(
        "Server unreachable: ticket saved, it will be sent when the server can be reached (run `helpline-agent run`).",
      );
      return 0;
  }
}

export const ticket = defineCommand({
  name: "ticket",
  synopsis: [
    `ticket --title <text> [--description <text>] [--attach <file>]... [--priority ${TICKET_PRIORITIES.join("|")}]`,
  ],
  summary: [
    "open a ticket for the signed-in user (Add Ticket); saved on",
    "disk first, sent now or by `run` when the server is back",
  ],
  options: {
    title: { type: "string" },
    description: { type: "string" },
    attach: { type: "string", multiple: true },
    priority: { type: "string" },
    ...STATE_DIR_OPTION,
  },
  run: (values) => {
    const priority = oneOfOption(values.priority ?? "medium", "priority", TICKET_PRIORITIES);
    const title = requiredOption(values.title, "title").trim();
    if (!title) throw new UsageError("--title must not be empty");
    return ticketCommand({
      stateDir: stateDirOption(values["state-dir"]),
      title,
      description: values.description ?? "",
      priority,
      attach: values.attach ?? [],
    });
  },
});
