import http from "node:http";
import type { AddressInfo } from "node:net";

export type SwitchableProxy = {
  url: string;
  /** From now on every request gets 503, as a reverse proxy answers for a server that is down. */
  down: () => void;
  /** From now on requests reach the server again. */
  up: () => void;
  close: () => Promise<void>;
};

/**
 * An HTTP proxy on 127.0.0.1 (an OS-picked port) in front of `target` (e.g. the gateway's base
 * URL) that a test can take down and bring back without the agent's server URL changing — for an
 * agent that runs on its own (under the Windows service) and cannot be pointed elsewhere. `down`
 * also ends the requests in flight (a long-poll check-in), so the agent notices at once.
 */
export async function switchableProxy(target: string): Promise<SwitchableProxy> {
  const base = new URL(target);
  let isUp = true;
  const server = http.createServer((request, response) => {
    if (!isUp) {
      request.resume();
      response.writeHead(503, { connection: "close", "content-type": "text/plain" }).end("Service Unavailable");
      return;
    }
    const forward = http.request(
      { host: base.hostname, port: base.port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on("error", () => response.destroy());
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    down: () => {
      isUp = false;
      server.closeAllConnections();
    },
    up: () => {
      isUp = true;
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
