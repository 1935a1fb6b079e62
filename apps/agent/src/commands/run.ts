import type { TCheckinResponse } from "@helpline/protocol";
import { AgentClient, ProtocolError } from "../agent-client.ts";
import { backoffDelay } from "../backoff.ts";
import { checkinRequest, runCheckinLoop, sleep } from "../checkin-loop.ts";
import { EndUserSurfaces } from "../end-user/end-user-surfaces.ts";
import { keepLocalPageLink } from "../end-user/local-page-link.ts";
import { ReplyNotifications } from "../end-user/reply-notifications.ts";
import { enrollOnFirstStart } from "../first-start-enroll.ts";
import { reEnroll } from "../re-enroll.ts";
import { writeState, type AgentState } from "../state-store.ts";
import { openServiceChannel, routeLogsToStderr, type ServiceChannel } from "../service-host/service-channel.ts";
import { signedInProfiles } from "../service-host/signed-in-profiles.ts";
import { readInventory, type Inventory } from "../system/inventory.ts";
import { screenCapture } from "../system/screenshot.ts";
import { thisMachine } from "../system/this-machine.ts";
import { TicketOutbox } from "../tickets/ticket-outbox.ts";
import { TicketQueue } from "../tickets/ticket-queue.ts";
import { connectTrays } from "../tray/tray-channel.ts";
import { defineCommand, STATE_DIR_OPTION, stateDirOption } from "./define-command.ts";
import { requireEnrolled } from "./require-enrolled.ts";

function describeHelpdesk(response: TCheckinResponse, inventory: Inventory): string {
  const who = inventory.currentProfile?.name ?? "nobody signed in";
  return `helpdesk ${response.helpdesk.active ? "active" : "not active"} for ${who} (state ${response.stateVersion})`;
}

/**
 * The agent at work: checks in (long-polls) until stopped by SIGINT/SIGTERM, remembering each
 * answer in the state file, sends queued tickets, and follows the helpdesk state with the local
 * page and tray. A refused token (401) makes it enroll again by itself (see re-enroll.ts).
 * `once`: one check-in and one pass over the ticket queue. `service`: run as the child of
 * helpline-service.exe — stdout is its channel (service-channel.ts; logs go to stderr), who is
 * signed in comes from its sessions messages, and its stop message (or the end of stdin) stops
 * the agent. Exit code 1 when it cannot go on (token refused and no way to enroll again); throws
 * CommandFailure when not enrolled and not given a server and key to enroll with
 * (first-start-enroll.ts).
 */
async function runCommand(options: { stateDir: string; once: boolean; service: boolean }): Promise<number> {
  if (options.service) routeLogsToStderr();
  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  process.once("SIGTERM", () => stop.abort());
  const service = options.service ? listenToService(stop) : null;
  // Installed by the MSI: the service passes what the installer was given, and the agent enrolls
  // with it before its first check-in.
  const firstStart = await enrollOnFirstStart({
    stateDir: options.stateDir,
    env: process.env,
    signal: stop.signal,
    log: (line) => console.error(line),
    once: options.once,
  });
  if (!firstStart) service?.close();
  if (!firstStart && stop.signal.aborted) return 0;
  const state = firstStart ?? requireEnrolled(options.stateDir);
  const machine = thisMachine();
  const client = new AgentClient(state.server, state.agentToken, Infinity, machine);
  const log = (line: string) => console.log(line);
  const outbox = new TicketOutbox(new TicketQueue(options.stateDir), client, log);
  let saved: AgentState = state;
  // A 401 (token replaced, revoked, or presented from another machine): enroll again and go on
  // with the new token; false when that is not possible.
  const recover = async (error: unknown): Promise<boolean> => {
    if (!(error instanceof ProtocolError && error.status === 401)) throw error;
    const next = await reEnroll({
      stateDir: options.stateDir,
      state: saved,
      refusal: error,
      machine,
      signal: stop.signal,
      log: (line) => console.error(line),
    });
    if (!next) return false;
    saved = next;
    client.useToken(next.agentToken);
    return true;
  };
  const remember = (response: TCheckinResponse, inventory: Inventory) => {
    const changed =
      saved.stateVersion !== response.stateVersion ||
      JSON.stringify(saved.helpdesk) !== JSON.stringify(response.helpdesk);
    saved = {
      ...saved,
      lastCheckinAt: new Date().toISOString(),
      stateVersion: response.stateVersion,
      currentProfile: inventory.currentProfile,
      helpdesk: response.helpdesk,
    };
    writeState(options.stateDir, saved);
    if (changed) console.log(`Checked in: ${describeHelpdesk(response, inventory)}`);
  };

  const inventoryNow = service ? service.readInventory : () => readInventory();

  if (options.once) {
    const inventory = inventoryNow();
    const response = await client
      .checkin(checkinRequest(inventory))
      .catch(async (error: unknown) => ((await recover(error)) ? client.checkin(checkinRequest(inventory)) : null));
    if (!response) {
      service?.close();
      return 1;
    }
    remember(response, inventory);
    await outbox.flush();
    service?.close();
    return 0;
  }

  const stopHow = service ? "The service stops it." : "Ctrl+C stops it.";
  console.log(`Helpline agent running for ${state.server} (device ${state.deviceId}). ${stopHow}`);
  const notifications = new ReplyNotifications();
  // Without the service there is no tray: the local page's Home lists the replies.
  const surfaces = new EndUserSurfaces({
    log,
    client,
    outbox,
    captureScreen: screenCapture(),
    ...(!service && { replies: notifications }),
  });
  // Without the service no tray opens the page: its link (with the secret, which is never logged)
  // waits in the private state dir.
  if (!service) surfaces.onChange(() => keepLocalPageLink(options.stateDir, surfaces.localPageUrl));
  let mspName: string | undefined;
  // Under the service the users' trays reach their own profile's pages through it.
  if (service) {
    const trays = connectTrays({
      channel: service.channel,
      surfaces,
      notifications,
      client,
      tooltip: () => mspName,
      log,
    });
    surfaces.onChange(() => trays.refresh());
  }
  // Tickets saved while the server was unreachable (or by `helpline-agent ticket`) go first.
  void outbox.start();
  // Enrolled again but refused again before a check-in went through: wait before the next try.
  let reEnrollsInARow = 0;
  try {
    while (!stop.signal.aborted) {
      try {
        await runCheckinLoop({
          client,
          readInventory: inventoryNow,
          onInventoryChange: service?.onChange,
          knownStateVersion: null,
          ackNotifications: () => notifications.acknowledgements(),
          onCheckin: (response, inventory) => {
            reEnrollsInARow = 0;
            remember(response, inventory);
            outbox.nudge();
            notifications.take(response.notifications);
            mspName = response.mspName;
            void surfaces
              .follow(response, inventory)
              .catch((error: Error) => console.error(`Local page: ${error.message}`));
          },
          onError: (error, retryInMs) =>
            console.error(`Check-in failed (${error.message}); retrying in ${Math.round(retryInMs / 1000)} s.`),
          signal: stop.signal,
        });
      } catch (error) {
        if (reEnrollsInARow > 0) await sleep(backoffDelay(reEnrollsInARow), stop.signal);
        reEnrollsInARow++;
        if (!(await recover(error))) return 1;
      }
    }
  } finally {
    outbox.stop();
    await surfaces.stop();
    service?.close();
  }
  return 0;
}

// A BCP 47 tag as LCIDToLocaleName writes it ("fr-FR", "sr-Latn-RS"), within the protocol's 35 characters.
const TRAY_LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;

/**
 * The service's channel on stdin/stdout, with the trays connected now (conn → vouched profile) and
 * the inventory they and the sessions give (with each tray's display language). `onChange` listeners hear when who is signed in (or
 * which trays run) changed — the sessions message repeats every 60 s, so only a real change counts.
 * Its stop message aborts `stop`; `close` lets go of stdin so the process can exit.
 */
function listenToService(stop: AbortController): {
  channel: ServiceChannel;
  readInventory: () => Inventory;
  onChange: (listener: () => void) => void;
  close: () => void;
} {
  const channel = openServiceChannel(process.stdin, process.stdout, (line) => console.log(line));
  const trays = new Map<number, string>();
  // conn → the display language its tray reported (`locale\t<tag>`, right after hello).
  const trayLocales = new Map<number, string>();
  const listeners: (() => void)[] = [];
  const localesByProfile = () =>
    new Map([...trayLocales].flatMap(([conn, tag]) => (trays.has(conn) ? [[trays.get(conn)!, tag] as const] : [])));
  const signedIn = () => ({
    sessions: channel.sessions(),
    trayProfiles: [...trays.values()],
    trayLocales: localesByProfile(),
  });
  let known = JSON.stringify(signedInProfiles(channel.sessions(), []));
  const changed = () => {
    const now = JSON.stringify(signedInProfiles(channel.sessions(), trays.values(), localesByProfile()));
    if (now === known) return false;
    known = now;
    for (const listener of listeners) listener();
    return true;
  };
  channel.onTrayOpen(({ conn, profile, session }) => {
    trays.set(conn, profile);
    console.log(`Tray ${conn} connected for ${profile} (session ${session})`);
    changed();
  });
  channel.onTrayClose((conn) => {
    console.log(`Tray ${conn} disconnected (${trays.get(conn) ?? "unknown profile"})`);
    trays.delete(conn);
    trayLocales.delete(conn);
    changed();
  });
  channel.onTrayLine((conn, line) => {
    const [kind, tag] = line.split("\t");
    if (kind !== "locale" || !tag || !TRAY_LOCALE.test(tag)) return;
    trayLocales.set(conn, tag);
    changed();
  });
  channel.onSessions((sessions) => {
    if (!changed()) return;
    const who = sessions.map((s) => `${s.profile} (session ${s.id}${s.console ? ", console" : ""})`);
    console.log(`Signed in: ${who.join(", ") || "nobody"}`);
  });
  channel.onStop(() => {
    console.log("The service asked the agent to stop.");
    stop.abort();
  });
  return {
    channel,
    readInventory: () => readInventory(signedIn()),
    onChange: (listener) => void listeners.push(listener),
    close: () => process.stdin.destroy(),
  };
}

export const run = defineCommand({
  name: "run",
  synopsis: ["run [--once] [--service]"],
  summary: [
    "check in, keep the helpdesk state current, serve the",
    "local page (tray and Ctrl+F12 on Windows), send queued tickets",
    "(--service: as the child of the Windows service helpline-service.exe)",
  ],
  options: { once: { type: "boolean" }, service: { type: "boolean" }, ...STATE_DIR_OPTION },
  run: (values) =>
    runCommand({
      stateDir: stateDirOption(values["state-dir"]),
      once: values.once ?? false,
      service: values.service ?? false,
    }),
});
