import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { runAgentWithHelpdesk, type RunningAgent } from "./agent-fixtures";
import { signInAsAdmin } from "./helpers";
import { makePng, readOutboxMail } from "./ticket-fixtures";

const SCREENS = "test-results/screens";
let agent: RunningAgent | null = null;
let files = "";
test.beforeAll(() => void (files = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-e2e-files-"))));
test.afterAll(() => fs.rmSync(files, { recursive: true, force: true }));
test.afterEach(() => agent?.stop());
test.describe.configure({ timeout: 180_000 });

/** A file of `megabytes` MB on disk (Playwright hands big files to the browser by path). */
function bigFile(name: string, megabytes: number): string {
  const file = path.join(files, name);
  fs.writeFileSync(file, Buffer.alloc(megabytes * 1000 * 1000, 1));
  return file;
}

async function confirmIdentity(local: Page, page: Page, email: string) {
  const nav = local.getByRole("navigation", { name: "Helpdesk" });
  await nav.getByRole("link", { name: "Personal Info Settings" }).click();
  await local.getByLabel("Email").fill(email);
  await local.getByRole("button", { name: "Send Token" }).click();
  const token = /^([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})$/m.exec(
    await readOutboxMail(page, { to: email, subject: "Your Helpline confirmation token" }),
  )![1]!;
  await local.getByLabel("Confirmation Token").fill(token);
  await local.getByRole("button", { name: "Save" }).click();
  await expect(local.getByRole("status")).toContainText("you are confirmed");
}

test("the agent's Add Ticket keeps what was typed when files are too large, with or without script; a tricky file name shows its real extension; Open Customer Portal lands signed in", async ({
  page,
  browser,
  context,
  baseURL,
}) => {
  await signInAsAdmin(page);
  const stamp = Date.now();
  agent = await runAgentWithHelpdesk(page, baseURL!, {
    customer: `Contoso ${stamp}`,
    hostname: `PC-LIMITS-${stamp}`,
    ip: "10.0.0.51",
    profile: "CONTOSO\\ada",
    displayName: "Ada Lovelace",
  });
  const localUrl = await agent.localUrl();
  const local = await context.newPage();
  await local.goto(localUrl);
  await confirmIdentity(local, page, `ada.${stamp}@contoso.test`);
  const nav = local.getByRole("navigation", { name: "Helpdesk" });

  // With script: 20 MB is refused next to Attachments before anything is uploaded.
  await nav.getByRole("link", { name: "Add Ticket" }).click();
  await local.getByLabel("Title").fill("Backup fails every night");
  await local.getByLabel("Description").fill("The log and the dump are attached.");
  const uploads: string[] = [];
  local.on("request", (request) => void (request.method() === "POST" && uploads.push(request.url())));
  const attachments = local.getByLabel("Attachments");
  await attachments.setInputFiles([bigFile("backup.log", 12), bigFile("dump.bin", 8)]);
  const sizeError = local.getByText(
    "The attachments are too large: 19.1 MiB in all, at most 8.8 MiB can be sent. Attach fewer or smaller files (or remove the screenshot), or share a link in the description.",
    { exact: true },
  );
  await expect(sizeError).toBeVisible();
  await expect(attachments).toHaveAttribute("aria-invalid", "true");
  await expect(attachments).toHaveAccessibleDescription(
    /at most 8\.8 MiB in all, screenshot included\. The attachments are too large: 19\.1 MiB/,
  );
  await local.getByRole("button", { name: "Submit" }).click();
  await expect(attachments).toBeFocused();
  expect(uploads).toEqual([]);
  await expect(local.getByLabel("Title")).toHaveValue("Backup fails every night");
  await local.screenshot({ path: `${SCREENS}/agent-add-ticket-too-large-script.png`, fullPage: true });
  await attachments.setInputFiles({ name: "small.log", mimeType: "text/plain", buffer: Buffer.from("ok") });
  await expect(sizeError).toBeHidden();

  // Without script (or an old browser): the agent reads the upload and answers with the form as it was.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noScript = await plain.newPage();
  await noScript.goto(localUrl);
  await noScript.getByRole("navigation", { name: "Helpdesk" }).getByRole("link", { name: "Add Ticket" }).click();
  await noScript.getByLabel("Title").fill("Scanner sends nothing");
  await noScript.getByLabel("Description").fill("Scans attached.\nSince Monday.");
  for (const megabytes of [20, 50]) {
    await noScript.getByLabel("Attachments").setInputFiles([bigFile(`scan-${megabytes}.tiff`, megabytes)]);
    await noScript.getByRole("button", { name: "Submit" }).click();
    await expect(noScript.getByRole("alert")).toHaveText(
      "Nothing was sent: the attachments are too large. Your title, description and screenshot are still here.",
    );
    await expect(noScript.getByLabel("Attachments")).toHaveAccessibleDescription(
      new RegExp(
        `The attachments are too large: ${(megabytes / 1.048576).toFixed(1)} MiB in all, at most 8\\.8 MiB can be sent\\.`,
      ),
    );
    await expect(
      noScript.getByText(`Choose your files again, a browser cannot keep them: scan-${megabytes}.tiff`),
    ).toBeVisible();
    await expect(noScript.getByLabel("Title")).toHaveValue("Scanner sends nothing");
    await expect(noScript.getByLabel("Description")).toHaveValue("Scans attached.\nSince Monday.");
    await noScript.screenshot({
      path: `${SCREENS}/agent-add-ticket-too-large-${megabytes}mb-no-script.png`,
      fullPage: true,
    });
  }
  await plain.close();

  // A right-to-left override in a file name cannot disguise its extension in the console.
  await nav.getByRole("link", { name: "Add Ticket" }).click();
  await local.getByLabel("Title").fill("Invoice from a supplier");
  await local.getByLabel("Attachments").setInputFiles([
    { name: "invoice\u202Egpj.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") },
    { name: "photo.png", mimeType: "image/png", buffer: makePng() },
  ]);
  await local.getByRole("button", { name: "Submit" }).click();
  const created = local.getByRole("heading", { name: /^Ticket #\d+ created$/ });
  await expect(created).toBeVisible();
  const number = Number(/#(\d+)/.exec((await created.textContent())!)![1]);
  await page.goto(`/tickets/${number}`);
  const attached = page.getByRole("list", { name: "Attachments" });
  await expect(attached.getByRole("link", { name: "Download invoice_gpj.exe" })).toBeVisible();
  await expect(attached).toContainText("invoice_gpj.exe");
  await expect(attached).not.toContainText("\u202E");
  const download = await page.request.get(
    (await attached.getByRole("link", { name: "Download invoice_gpj.exe" }).getAttribute("href"))!,
  );
  expect(download.headers()["content-disposition"]).toBe(
    `attachment; filename="invoice_gpj.exe"; filename*=UTF-8''invoice_gpj.exe`,
  );
  await page.screenshot({ path: `${SCREENS}/console-ticket-bidi-file-name.png`, fullPage: true });

  // Open Customer Portal: the agent's link lands on the portal signed in, no Continue page.
  await nav.getByRole("link", { name: "Open Customer Portal" }).click();
  await expect(local).toHaveURL(new RegExp(`^${baseURL}/portal$`));
  await expect(local.getByRole("heading", { name: "My tickets" })).toBeVisible();
  await expect(local.getByRole("list", { name: "Tickets" })).toContainText("Invoice from a supplier");
  await expect(local.getByRole("button", { name: "Continue" })).toHaveCount(0);
  await local.screenshot({ path: `${SCREENS}/portal-landing-from-agent.png`, fullPage: true });
  await local
    .getByRole("list", { name: "Tickets" })
    .getByRole("link", { name: /Invoice from a supplier/ })
    .click();
  await expect(local.getByRole("link", { name: "invoice_gpj.exe" })).toBeVisible();
  await local.screenshot({ path: `${SCREENS}/portal-ticket-bidi-file-name.png`, fullPage: true });
});
