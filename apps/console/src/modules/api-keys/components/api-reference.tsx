"use client";
import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";

// Everything Scalar would fetch from elsewhere is turned off, so the page makes requests to this
// Helpline only (an MSP may run it on a network without internet): no web fonts from its CDN, no
// telemetry, no request proxy or "try it" client (which sends through proxy.scalar.com), no AI
// agent or MCP integration, no developer toolbar.
const CONFIGURATION = {
  url: "/api/v1/openapi.json",
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  hideTestRequestButton: true,
  showDeveloperTools: "never",
  agent: { disabled: true },
  mcp: { disabled: true },
  hideDarkModeToggle: true,
  forceDarkModeState: "light",
  documentDownloadType: "json",
} as const;

/** The REST API's OpenAPI document (served by the gateway), rendered by Scalar. */
export function ApiReference() {
  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
      <ApiReferenceReact configuration={CONFIGURATION} />
    </div>
  );
}
