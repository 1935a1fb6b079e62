import { createInterface } from "node:readline/promises";
import { AgentClient } from "../agent-client.ts";
import { readInventory } from "../system/inventory.ts";
import { thisMachine } from "../system/this-machine.ts";
import { defineCommand, STATE_DIR_OPTION, stateDirOption } from "./define-command.ts";
import { requireEnrolled } from "./require-enrolled.ts";
import { requireSignedIn } from "./require-signed-in.ts";

async function ask(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await terminal.question(question)).trim();
  } finally {
    terminal.close();
  }
}

/**
 * Personal Info Settings in a terminal, for the user signed in now: send a token to an address,
 * then confirm it (`--token` confirms straight away, e.g. from a script).
 */
async function identityCommand(options: {
  stateDir: string;
  fullName?: string;
  email?: string;
  token?: string;
}): Promise<number> {
  const state = requireEnrolled(options.stateDir);
  const profile = requireSignedIn(readInventory());
  const client = new AgentClient(state.server, state.agentToken, Infinity, thisMachine());
  let token = options.token;
  if (!token) {
    const interactive = Boolean(process.stdin.isTTY);
    const fullName = options.fullName ?? (interactive ? await ask("Full name: ") : "");
    const email = options.email ?? (interactive ? await ask("Email: ") : "");
    if (!fullName || !email) {
      console.error("Give --full-name and --email (or run this in a terminal to be asked).");
      return 2;
    }
    const { sentTo, expiresInSeconds } = await client.sendIdentityToken({ profile, fullName, email });
    console.log(`We sent a token to ${sentTo}. It expires in ${Math.round(expiresInSeconds / 60)} minutes.`);
    if (!interactive) {
      console.log("Confirm it with: helpline-agent identity --token <token from the mail>");
      return 0;
    }
    token = await ask("Confirmation Token: ");
  }
  const { identity } = await client.confirmIdentity({ profile, token });
  console.log(`Confirmed: ${identity.fullName} <${identity.email}> for ${profile}.`);
  return 0;
}

export const identity = defineCommand({
  name: "identity",
  synopsis: ["identity [--full-name <name> --email <email>] [--token <token>]"],
  summary: ["confirm the signed-in user's identity (Personal Info Settings)"],
  options: {
    "full-name": { type: "string" },
    email: { type: "string" },
    token: { type: "string" },
    ...STATE_DIR_OPTION,
  },
  run: (values) =>
    identityCommand({
      stateDir: stateDirOption(values["state-dir"]),
      fullName: values["full-name"],
      email: values.email,
      token: values.token,
    }),
});
