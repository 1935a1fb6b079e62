import http from "node:http";
import type { AddressInfo } from "node:net";

export type DownServer = {
  url: string;
  /** Frees the port and starts the real server there at once. */
  bringUp: <T>(listen: (port: number) => Promise<T>) => Promise<T>;
  /** Frees the port if `bringUp` has not (for a test's `finally`). */
  release: () => Promise<void>;
};

/**
 * A Helpline server that is down, as a reverse proxy in front of it reports it: every request gets
 * 503. Holding the port this way (rather than freeing it until the server comes back) means no
 * other process can take it while the test waits.
 */
export async function downServer(): Promise<DownServer> {
  const holder = http.createServer((request, response) => {
    request.resume();
    request.on("end", () =>
      response.writeHead(503, { connection: "close", "content-type": "text/plain" }).end("Service Unavailable"),
    );
  });
  await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
  const { port } = holder.address() as AddressInfo;
  const release = async () => {
    if (!holder.listening) return;
    const closed = new Promise<void>((resolve) => holder.close(() => resolve()));
    holder.closeAllConnections();
    await closed;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    bringUp: async (listen) => {
      await release();
      return listen(port);
    },
    release,
  };
}
