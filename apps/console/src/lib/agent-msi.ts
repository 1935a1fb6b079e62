import "server-only";
import fs from "node:fs";
import path from "node:path";
import { config } from "@helpline/core";
import { z } from "zod";

/** The Windows installer this server hands out, as the Install agent panel and the download see it. */
export type AgentMsi = {
  file: string;
  bytes: number;
  /** From the `.json` that `npm run build:windows` writes beside the MSI; null for an MSI from elsewhere. */
  version: string | null;
  productCode: string | null;
};

const ZMsiFacts = z.object({ version: z.string(), productCode: z.string().regex(/^\{[0-9A-F-]{36}\}$/) });
// `npm start` runs in the repository; `next dev` and the e2e server in apps/console.
const BUILT = ["apps/agent/dist/windows/helpline-agent.msi", "../agent/dist/windows/helpline-agent.msi"];

/**
 * The MSI to serve: the file HELPLINE_AGENT_MSI names (`configured`), or else the one `npm run build:windows`
 * wrote (apps/agent/dist/windows/helpline-agent.msi). Null when that file does not exist (not built
 * on this server). Its version and product code come from `<msi>.json` when it is there and readable.
 */
export function findAgentMsi(configured: string | undefined = config().agentMsi): AgentMsi | null {
  const candidates = configured ? [path.resolve(configured)] : BUILT.map((file) => path.resolve(process.cwd(), file));
  const file = candidates.find((candidate) => fs.statSync(candidate, { throwIfNoEntry: false })?.isFile());
  if (!file) return null;
  let facts: z.infer<typeof ZMsiFacts> | null = null;
  try {
    facts = ZMsiFacts.parse(JSON.parse(fs.readFileSync(`${file}.json`, "utf8")));
  } catch {
    // No facts beside it (an MSI built elsewhere): the panel falls back to the file detection rule.
  }
  return {
    file,
    bytes: fs.statSync(file).size,
    version: facts?.version ?? null,
    productCode: facts?.productCode ?? null,
  };
}
