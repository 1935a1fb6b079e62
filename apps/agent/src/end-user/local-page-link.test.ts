import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { keepLocalPageLink, LOCAL_PAGE_LINK_FILE } from "./local-page-link.ts";

describe("keepLocalPageLink", () => {
  it("keeps the link in a private file while the page runs, and removes it after", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-link-"));
    const file = path.join(dir, LOCAL_PAGE_LINK_FILE);
    try {
      keepLocalPageLink(dir, "http://127.0.0.1:4100/?s=secret");
      expect(fs.readFileSync(file, "utf8")).toBe("http://127.0.0.1:4100/?s=secret\n");
      if (process.platform !== "win32") expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      keepLocalPageLink(dir, null);
      expect(fs.existsSync(file)).toBe(false);
      keepLocalPageLink(dir, null);
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
