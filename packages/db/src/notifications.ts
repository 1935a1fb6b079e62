import pg from "pg";
import { getDatabaseEndpoint } from "./client.ts";

export type ChannelListener = {
  /** Called with each NOTIFY payload on the channel. */
  onPayload: (payload: string) => void;
  /** Called after the connection was lost and came back: notifications may have been missed. */
  onReconnect?: () => void;
};

const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 5000];

/**
 * LISTEN on a PostgreSQL channel (embedded PGlite or a server), so processes that share one
 * database wake each other. On a server the dedicated connection retries and reconnects by
 * itself, so a database that is down now does not stop the caller from starting. Returns the
 * function that stops listening.
 */
export async function listenToChannel(channel: string, listener: ChannelListener): Promise<() => Promise<void>> {
  const { config, pglite } = getDatabaseEndpoint();
  if (pglite) return pglite.listen(channel, listener.onPayload);
  if (config.kind !== "postgresql") throw new Error("No database to listen on.");

  let client: pg.Client | null = null;
  let stopped = false;
  let failures = 0;
  let catchUpNeeded = false;

  const retryLater = () => {
    if (stopped) return;
    const delay = RETRY_DELAYS_MS[Math.min(failures++, RETRY_DELAYS_MS.length - 1)];
    setTimeout(() => void connect(), delay).unref();
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: config.url });
    next.on("notification", (message) => {
      if (message.channel === channel) listener.onPayload(message.payload ?? "");
    });
    next.on("error", () => {});
    try {
      await next.connect();
      await next.query(`LISTEN "${channel}"`);
    } catch {
      await next.end().catch(() => {});
      catchUpNeeded = true;
      retryLater();
      return;
    }
    if (stopped) return void (await next.end().catch(() => {}));
    client = next;
    failures = 0;
    // Whatever was announced while no connection listened is lost: the listener catches up.
    if (catchUpNeeded) listener.onReconnect?.();
    catchUpNeeded = false;
    next.once("end", () => {
      if (client === next) client = null;
      catchUpNeeded = true;
      retryLater();
    });
  };

  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
  };
}
