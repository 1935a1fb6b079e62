import { activationReach } from "./activation-reach.ts";
import { agentFootprint } from "./agent-footprint.ts";
import { apiRequests } from "./api-requests.ts";
import { applyCost } from "./apply-cost.ts";
import { checkinThroughput } from "./checkin-throughput.ts";
import { deviceList } from "./device-list.ts";
import { firstStart } from "./first-start.ts";
import { healthThroughput } from "./health-throughput.ts";
import { heldLongPolls } from "./held-long-polls.ts";
import { mailIn } from "./mail-in.ts";
import { serverFootprint } from "./server-footprint.ts";
import { slaRecompute } from "./sla-recompute.ts";
import { ticketList } from "./ticket-list.ts";
import { webhookFanout } from "./webhook-fanout.ts";
import { windowsFootprint } from "./windows-footprint.ts";
import { writeResults, type BenchResult } from "./harness.ts";

// `npm run bench [-- name…]`: runs the benchmarks, prints one line each, writes results/latest.json.
const BENCHMARKS: Record<string, () => Promise<BenchResult>> = {
  health: healthThroughput,
  checkin: checkinThroughput,
  longpoll: heldLongPolls,
  devices: deviceList,
  reach: activationReach,
  apply: applyCost,
  tickets: ticketList,
  agent: agentFootprint,
  server: serverFootprint,
  firststart: firstStart,
  windows: windowsFootprint,
  email: mailIn,
  sla: slaRecompute,
  api: apiRequests,
  webhooks: webhookFanout,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(", ")}. Choose from: ${Object.keys(BENCHMARKS).join(", ")}`);
  process.exit(2);
}
const results: BenchResult[] = [];
for (const [key, run] of Object.entries(BENCHMARKS)) {
  if (wanted.length > 0 && !wanted.includes(key)) continue;
  const result = await run();
  results.push(result);
  const details = Object.entries(result.details)
    .map(([name, value]) => `${name}=${Math.round(value * 100) / 100}`)
    .join(" ");
  console.log(`${result.name}: ${Number(result.value.toFixed(3))} ${result.unit} (goal ${result.goal}) [${details}]`);
}
console.log(`Results written to ${writeResults(results)}`);
