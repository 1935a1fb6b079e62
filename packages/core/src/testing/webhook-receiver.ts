import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = { path: string; headers: http.IncomingHttpHeaders; body: string };

/**
 * A real HTTP receiver for webhook tests on 127.0.0.1: it keeps every request (path, headers, body)
 * and counts every TCP connection, so a test can tell "refused before connecting" from "answered".
 * `answer` decides the reply (default 204); `"hang"` never answers. `stop()` takes it down (an
 * outage: connections are refused); `start()` brings it back on the same port.
 */
export class WebhookReceiver {
  readonly requests: ReceivedWebhook[] = [];
  connections = 0;
  port = 0;
  /**
   * Down: every connection is dropped as it arrives, without an answer. The port stays bound, so
   * no other test's server can take it while this one is "down" (stopping it would free the port).
   */
  down = false;
  answer: ((request: ReceivedWebhook) => { status: number; headers?: Record<string, string>; body?: string }) | "hang" =
    () => ({ status: 204 });
  private server: http.Server | null = null;

  async start(): Promise<string> {
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const received = { path: request.url ?? "/", headers: request.headers, body: Buffer.concat(chunks).toString() };
        this.requests.push(received);
        if (this.answer === "hang") return;
        const reply = this.answer(received);
        response.writeHead(reply.status, reply.headers).end(reply.body);
      });
    });
    server.on("connection", (socket) => {
      this.connections++;
      if (this.down) socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", () => resolve()));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The requests that carried this Helpline-Event-Id. */
  received(eventId: string): ReceivedWebhook[] {
    return this.requests.filter((request) => request.headers["helpline-event-id"] === eventId);
  }
}
