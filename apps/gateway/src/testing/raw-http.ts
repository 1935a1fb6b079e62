import net from "node:net";

/** The whole body once it has arrived (by content-length, chunks, or the close), else null. */
function dechunk(rest: Buffer, headers: Record<string, string>, closed: boolean): Buffer | null {
  if (headers["content-length"] !== undefined) {
    const length = Number(headers["content-length"]);
    return rest.length >= length ? rest.subarray(0, length) : null;
  }
  if (!/chunked/i.test(headers["transfer-encoding"] ?? "")) return closed ? rest : null;
  const chunks: Buffer[] = [];
  for (let at = 0; ;) {
    const lineEnd = rest.indexOf("\r\n", at);
    if (lineEnd === -1) return null;
    const size = Number.parseInt(rest.subarray(at, lineEnd).toString("latin1"), 16);
    if (size === 0) return Buffer.concat(chunks);
    if (rest.length < lineEnd + 2 + size + 2) return null;
    chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

export type RawResponse = { status: number; headers: Record<string, string>; body: string };

/**
 * Sends bytes as they are over a new TCP connection (for requests no HTTP client would send:
 * NULs in headers, broken chunking) and reads back the first response. Rejects when the server
 * closes without an answer or does not finish one within `timeoutMs`.
 */
export function rawRequest(port: number, request: string | Buffer, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (outcome: RawResponse | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(
      () =>
        finish(
          new Error(
            `no complete answer within ${timeoutMs} ms; got ${JSON.stringify(received.toString("latin1").slice(0, 300))}`,
          ),
        ),
      timeoutMs,
    );
    const parse = (closed: boolean) => {
      const end = received.indexOf("\r\n\r\n");
      const cut = () =>
        finish(
          new Error(
            `the server closed the connection ${end === -1 ? "without an answer" : "in the middle of its answer"}; got ${JSON.stringify(received.toString("latin1").slice(0, 300))}`,
          ),
        );
      if (end === -1) return closed ? cut() : undefined;
      const [statusLine, ...lines] = received.subarray(0, end).toString("latin1").split("\r\n");
      const headers = Object.fromEntries(
        lines.map((line) => [
          line.slice(0, line.indexOf(":")).trim().toLowerCase(),
          line.slice(line.indexOf(":") + 1).trim(),
        ]),
      );
      const body = dechunk(received.subarray(end + 4), headers, closed);
      if (body === null) return closed ? cut() : undefined;
      finish({ status: Number(statusLine!.split(" ")[1]), headers, body: body.toString("utf8") });
    };
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      parse(false);
    });
    socket.on("close", () => parse(true));
    // A reset after a complete answer is fine; before one, the close handler reports it.
    socket.on("error", () => {});
    socket.write(request);
  });
}
