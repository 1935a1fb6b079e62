import { API_SCOPE_NAMES, type ApiScope } from "@helpline/core";
import type { OpenAPIV3_1 } from "openapi-types";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startApiTest, type ApiTest, type TestApiKey } from "./testing/with-api.ts";

let api: ApiTest;
beforeAll(async () => {
  api = await startApiTest();
});
afterAll(() => api.close());

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

// The scope matrix: every route in the document against two keys of an admin, one with every
// scope but the route's own (refused before anything else, naming that scope) and one with that
// scope alone (let through to the handler, which answers what an unknown id or an empty body
// deserves). Fails for a route whose document names no scope, whose refusal or answers differ from
// the document, or that needs more than its one scope.
it("each route refuses a key without its scope, naming it, and lets a key with only that scope through", async () => {
  const document = (await api.request(null, "GET", "/api/v1/openapi.json")).body as OpenAPIV3_1.Document;
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((method) => item?.[method]).map((method) => ({ path, method, operation: item![method]! })),
  );
  expect(operations.length).toBeGreaterThan(20);
  const keys = new Map<ApiScope, { without: TestApiKey; only: TestApiKey }>();
  for (const { path, method, operation } of operations) {
    const scope = /Scope: `([a-z]+:[a-z]+)`/.exec(operation.description ?? "")?.[1] as ApiScope | undefined;
    expect(scope && API_SCOPE_NAMES.includes(scope), `${method.toUpperCase()} ${path} documents its scope`).toBe(true);
    if (!keys.has(scope!))
      keys.set(scope!, {
        without: await api.createKey({ role: "admin", scopes: API_SCOPE_NAMES.filter((name) => name !== scope) }),
        only: await api.createKey({ role: "admin", scopes: [scope!] }),
      });
    const { without, only } = keys.get(scope!)!;
    const url = path.replace(/\{[^}]+\}/g, () => crypto.randomUUID());
    const body = operation.requestBody ? {} : undefined;
    const refused = await api.request(without, method.toUpperCase(), url, { body });
    expect(refused.status, `${method.toUpperCase()} ${path} without ${scope}`).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "missing_scope", fields: { scope } });
    const allowed = await api.request(only, method.toUpperCase(), url, { body });
    expect(allowed.status, `${method.toUpperCase()} ${path} with ${scope} alone`).not.toBe(403);
  }
});
