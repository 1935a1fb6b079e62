import { describe, expect, it } from "vitest";
import { safePortalPath } from "../portal/portal-links.ts";
import { safeRedirectPath } from "./safe-redirect-path.ts";

const ORIGIN = "http://localhost:3000";
const console_ = (target: unknown) => safeRedirectPath(target, { origin: ORIGIN, fallback: "/" });

describe("safeRedirectPath", () => {
  it.each([
    ["/", "/"],
    ["/tickets", "/tickets"],
    ["/tickets?status=open&q=a%20b", "/tickets?status=open&q=a%20b"],
    ["/tickets/1128#reply", "/tickets/1128#reply"],
    ["/devices/../tickets", "/tickets"],
    ["/settings/./technicians", "/settings/technicians"],
    ["tickets", "/tickets"],
    ["http://localhost:3000/customers", "/customers"],
    ["HTTP://LOCALHOST:3000/customers", "/customers"],
    ["  /tickets  ", "/tickets"],
    ["/a%2Fb", "/a%2Fb"],
    ["/x?next=//evil.example", "/x?next=//evil.example"],
    // Same scheme without slashes is a relative path to a browser: it stays on this site.
    ["http:evil.example", "/evil.example"],
  ])("keeps the same-site path %j as %j", (target, expected) => {
    expect(console_(target)).toBe(expected);
  });

  it.each([
    // The inputs of issue 10 §5: all of them are //evil.example/ to a browser.
    "/\\evil.example/",
    "%2F%5Cevil.example%2F",
    "/\t/evil.example/",
    "/\n/evil.example/",
    "/\r\n/evil.example/",
    "/..//evil.example/",
    "/%2e%2e//evil.example/",
    "/%2E%2E//evil.example/",
    "/./..//evil.example/",
    "/a/..\\..\\/\\evil.example",
    "//evil.example",
    "//evil.example/path",
    "///evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%5C/evil.example",
    "/%5Cevil.example",
    "/%E0%A4%A",
    " //evil.example",
    "\u0000//evil.example",
    "http://evil.example/",
    "https://localhost:3000/tickets",
    "http://localhost:3001/tickets",
    "http://localhost:3000@evil.example/",
    "http://evil.example\\@localhost:3000/",
    "https:/evil.example",
    "https:\\\\evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "mailto:a@evil.example",
    "http://[::1",
    "",
    `/${"a".repeat(3000)}`,
  ])("refuses %j", (target) => {
    expect(console_(target)).toBe("/");
  });

  it("refuses what is not a string", () => {
    for (const target of [undefined, null, 0, ["/tickets"], { href: "/tickets" }]) expect(console_(target)).toBe("/");
  });

  it("without a public URL accepts only paths", () => {
    expect(safeRedirectPath("/tickets", { fallback: "/" })).toBe("/tickets");
    expect(safeRedirectPath("http://localhost:3000/tickets", { fallback: "/" })).toBe("/");
    expect(safeRedirectPath("/\\evil.example/", { fallback: "/" })).toBe("/");
  });

  it("keeps the answer within a part of the site when asked", () => {
    const portal = (target: string) =>
      safeRedirectPath(target, { fallback: "/portal", within: "/portal", origin: ORIGIN });
    expect(portal("/portal")).toBe("/portal");
    expect(portal("/portal/tickets/12?tab=replies")).toBe("/portal/tickets/12?tab=replies");
    for (const target of [
      "/portalx",
      "/tickets",
      "/portal/../tickets",
      "/portal/%2e%2e/settings",
      "/",
      "//evil.example/portal",
    ])
      expect(portal(target), target).toBe("/portal");
  });

  it("an unusable public URL gives the fallback rather than an exception", () => {
    expect(safeRedirectPath("/tickets", { origin: "not a url", fallback: "/" })).toBe("/");
  });
});

describe("safePortalPath", () => {
  it("is the same rule inside the portal", () => {
    expect(safePortalPath("/portal/tickets/7")).toBe("/portal/tickets/7");
    for (const target of [
      null,
      undefined,
      "/tickets",
      "/portal/..//evil.example",
      "/\\evil.example/portal",
      "https://evil.example/portal",
    ])
      expect(safePortalPath(target), String(target)).toBe("/portal");
  });
});
