import http from "node:http";
import https from "node:https";

export type HttpAnswer = { status: number; body: string };

// Kept-alive connections: a long-polling agent reuses one connection (and one TLS handshake) for
// its check-ins. Idle sockets do not keep a one-shot command from exiting.
const AGENTS = { "http:": new http.Agent({ keepAlive: true }), "https:": new https.Agent({ keepAlive: true }) };

/**
 * One HTTP exchange on Node's own http/https modules rather than fetch(): fetch loads undici, which
 * costs the resident agent about 10 MB (a quarter of a bare Node.js process), and can leave a POST
 * pending for ever when the peer drops the connection mid-request.
 */
export function httpRequest(
  url: URL,
  options: { method: "GET" | "POST"; headers: Record<string, string>; body?: string; signal: AbortSignal },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === "https:" ? https : url.protocol === "http:" ? http : null;
    if (!transport) return reject(new Error(`${url.protocol} is not http: or https:`));
    const headers =
      options.body === undefined
        ? options.headers
        : { ...options.headers, "content-length": String(Buffer.byteLength(options.body)) };
    const request = transport.request(
      url,
      { method: options.method, headers, agent: AGENTS[url.protocol as keyof typeof AGENTS], signal: options.signal },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}
