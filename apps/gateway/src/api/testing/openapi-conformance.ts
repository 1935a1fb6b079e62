import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { OpenAPIV3_1 } from "openapi-types";

/**
 * Checks real responses against the OpenAPI document the server serves, so a route missing from
 * the document, a status it does not list, or a body that differs from its schema fails the test
 * that made the request. The document is compiled once (Ajv, JSON Schema 2020-12, which
 * OpenAPI 3.1 uses); `$ref`s resolve inside it.
 */
export function createResponseValidator(document: OpenAPIV3_1.Document) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(document as object, "openapi.json");
  const paths = Object.keys(document.paths ?? {}).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }));

  /** The problems of one response (empty: it conforms). `path` without the query string. */
  return function check(method: string, path: string, status: number, body: unknown): string[] {
    const route = paths.find((candidate) => candidate.pattern.test(path));
    if (!route) return [`${method} ${path}: no path in the OpenAPI document matches`];
    const operation = document.paths![route.template]![method.toLowerCase() as OpenAPIV3_1.HttpMethods];
    if (!operation) return [`${method} ${route.template}: not in the OpenAPI document`];
    const response = operation.responses?.[String(status)] as OpenAPIV3_1.ResponseObject | undefined;
    if (!response) return [`${method} ${route.template}: status ${status} is not documented`];
    if (!response.content)
      return body === undefined ? [] : [`${method} ${route.template} ${status}: documented without a body`];
    const pointer = [
      "paths",
      route.template,
      method.toLowerCase(),
      "responses",
      String(status),
      "content",
      "application/json",
      "schema",
    ]
      .map((part) => part.replaceAll("~", "~0").replaceAll("/", "~1"))
      .join("/");
    const validate = ajv.getSchema(`openapi.json#/${pointer}`);
    if (!validate) return [`${method} ${route.template} ${status}: no JSON schema`];
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (error) =>
        `${method} ${route.template} ${status}: ${error.instancePath || "body"} ${error.message ?? "is not valid"}`,
    );
  };
}
