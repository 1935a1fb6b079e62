import type { AddressInfo } from "node:net";
import { generateApiKeyToken, type ApiScope } from "@helpline/core";
import { getPrisma } from "@helpline/db";
import { createTechnicianRow, unique } from "@helpline/db/testing";
import type { FastifyInstance } from "fastify";
import type { OpenAPIV3_1 } from "openapi-types";
import { buildGateway } from "../../build-gateway.ts";
import { createResponseValidator } from "./openapi-conformance.ts";

const OPENAPI_PATH = "/api/v1/openapi.json";

export type TestApiKey = {
  id: string;
  name: string;
  token: string;
  technician: { id: string; role: "admin" | "technician" };
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers of every shape
export type ApiAnswer = { status: number; headers: Headers; body: any };

export type ApiTest = {
  gateway: FastifyInstance;
  baseUrl: string;
  /** A key stored as Settings ▸ API keys stores one (hash and prefix), for a new technician unless `technicianId`. */
  createKey(options?: {
    scopes?: ApiScope[];
    role?: "admin" | "technician";
    technicianId?: string;
    expiresAt?: Date | null;
  }): Promise<TestApiKey>;
  /**
   * One real HTTP request to the gateway with `key` (a TestApiKey, a raw Authorization token, or
   * null for none). Every answer is checked against the served OpenAPI document: a mismatch
   * throws, so each API test is also a conformance test.
   */
  request(
    key: TestApiKey | string | null,
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiAnswer>;
  close(): Promise<void>;
};

/** The real gateway listening on 127.0.0.1 (a free port) against this run's test database. */
export async function startApiTest(options: { apiRateLimitPerMinute?: number } = {}): Promise<ApiTest> {
  const gateway = await buildGateway({ apiRateLimitPerMinute: options.apiRateLimitPerMinute });
  await gateway.listen({ port: 0, host: "127.0.0.1" });
  const baseUrl = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
  const document = (await (await fetch(`${baseUrl}${OPENAPI_PATH}`)).json()) as OpenAPIV3_1.Document;
  const check = createResponseValidator(document);

  return {
    gateway,
    baseUrl,
    async createKey(keyOptions = {}) {
      const technician = keyOptions.technicianId
        ? await getPrisma().technician.findUniqueOrThrow({
            where: { id: keyOptions.technicianId },
            select: { id: true, role: true },
          })
        : await createTechnicianRow({ role: keyOptions.role ?? "technician" });
      const { token, tokenHash, prefix } = generateApiKeyToken();
      const name = unique("key");
      const row = await getPrisma().apiKey.create({
        data: {
          name,
          technicianId: technician.id,
          scopes: keyOptions.scopes ?? [],
          tokenHash,
          prefix,
          expiresAt: keyOptions.expiresAt ?? null,
        },
        select: { id: true },
      });
      return { id: row.id, name, token, technician: { id: technician.id, role: technician.role } };
    },
    async request(key, method, path, requestOptions = {}) {
      const headers: Record<string, string> = { ...requestOptions.headers };
      if (key !== null) headers.authorization = `Bearer ${typeof key === "string" ? key : key.token}`;
      if (requestOptions.body !== undefined) headers["content-type"] = "application/json";
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: requestOptions.body === undefined ? undefined : JSON.stringify(requestOptions.body),
      });
      const text = await response.text();
      const body: unknown = text === "" ? undefined : JSON.parse(text);
      // The document itself is the one route it does not describe.
      const documentPath = path.split("?")[0]!;
      const problems = documentPath === OPENAPI_PATH ? [] : check(method, documentPath, response.status, body);
      if (problems.length > 0)
        throw new Error(
          `The answer differs from the OpenAPI document:\n${problems.join("\n")}\n${text.slice(0, 2000)}`,
        );
      return { status: response.status, headers: response.headers, body };
    },
    close: () => gateway.close(),
  };
}
