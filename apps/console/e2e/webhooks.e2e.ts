import { expect, test, type Page } from "@playwright/test";
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { leftPanel, signInAsAdmin } from "./helpers";

const SCREENS = "test-results/screens";

/** A webhook receiver on 127.0.0.1 (the e2e server runs with HELPLINE_WEBHOOKS_ALLOW_PRIVATE=1): keeps what it gets. */
async function startReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.writeHead(200, { "content-type": "text/plain" }).end("thanks");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/helpline`, received, close: () => server.close() };
}

async function expectToast(page: Page, text: string | RegExp) {
  await expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();
}

test.describe.configure({ timeout: 120_000 });

test("webhooks: add an endpoint, see its secret, send a test event, watch the delivery log, resend, disable, delete", async ({
  page,
}) => {
  const receiver = await startReceiver();
  try {
    await signInAsAdmin(page);
    await leftPanel(page).getByRole("link", { name: "Settings" }).click();
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { name: "No webhook endpoints yet" })).toBeVisible();

    // Add endpoint: a refusal first (no event chosen), shown at its field.
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "Add endpoint" });
    await dialog.getByLabel("Endpoint URL").fill(receiver.url);
    await dialog.getByLabel("Description").fill("Receiver of the browser test");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await expect(dialog.getByText("Choose at least one event.")).toBeVisible();
    await dialog.getByRole("checkbox", { name: /A ticket was opened/ }).check();
    await dialog.getByRole("checkbox", { name: /A public message was added/ }).check();
    await page.screenshot({ path: `${SCREENS}/webhooks-add.png` });
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    const added = page.getByRole("dialog", { name: "Endpoint added" });
    const secret = (await added.getByLabel("Signing secret", { exact: true }).textContent()) ?? "";
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await expect(added.getByRole("button", { name: "Copy signing secret" })).toBeVisible();
    await added.getByRole("button", { name: "Done" }).click();

    // The list: URL, events, status, no delivery yet.
    const row = page.getByRole("row", { name: new RegExp(receiver.url) });
    await expect(row).toContainText("2 events");
    await expect(row).toContainText("Active");
    await expect(row).toContainText("None yet");
    await page.screenshot({ path: `${SCREENS}/webhooks-list.png` });

    // The endpoint page: Reveal gives the same secret; Send test event reaches the receiver.
    await row.getByRole("link", { name: receiver.url }).click();
    await page.getByRole("button", { name: "Reveal" }).click();
    await expect(page.getByLabel("Signing secret", { exact: true })).toHaveText(secret);
    await page.getByRole("button", { name: "Send test event" }).click();
    await expectToast(page, "Test event queued");
    const log = page.getByRole("table");
    const delivery = log.getByRole("row", { name: /webhook\.test/ });
    await expect(delivery).toContainText("Delivered", { timeout: 30_000 });
    await expect(delivery).toContainText("200");
    await expect(delivery).toContainText("thanks");
    await expect(delivery).toContainText(/\d+ ms/);
    // The time names its zone (the MSP's, Settings ▸ General).
    await expect(delivery.locator("time")).toHaveText(/\d{2}:\d{2} [A-Z]/);
    expect(receiver.received).toHaveLength(1);
    const [first] = receiver.received;
    const eventId = first!.headers["helpline-event-id"];
    expect(JSON.parse(first!.body)).toMatchObject({ id: eventId, type: "webhook.test" });
    expect(first!.headers["helpline-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    await expect(delivery).toContainText(String(eventId));
    await page.screenshot({ path: `${SCREENS}/webhooks-endpoint.png` });

    // Resend: the same event again, a second try in the log.
    await delivery.getByRole("button", { name: /Resend/ }).click();
    await expectToast(page, "webhook.test queued again.");
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(2);
    expect(receiver.received[1]!.headers["helpline-event-id"]).toBe(eventId);
    await expect(delivery).toContainText("Delivered");
    await expect(delivery.getByRole("cell").nth(5)).toHaveText("2");

    // Enabled off: Send test event is refused until it is on again.
    const enabled = page.getByRole("switch", { name: "Enabled" });
    await expect(enabled).toBeChecked();
    await enabled.focus();
    await page.keyboard.press("Space");
    await expectToast(page, "Endpoint disabled");
    await expect(enabled).not.toBeChecked();
    await expect(page.getByText("Disabled", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Send test event" })).toBeDisabled();

    // Delete, confirmed: back to an empty list.
    await page.getByRole("button", { name: "Delete" }).click();
    await page
      .getByRole("dialog", { name: "Delete this endpoint?" })
      .getByRole("button", { name: "Delete endpoint" })
      .click();
    await expectToast(page, "Endpoint deleted.");
    await expect(page).toHaveURL(/\/settings\/webhooks$/);
    await expect(page.getByRole("heading", { name: "No webhook endpoints yet" })).toBeVisible();
  } finally {
    receiver.close();
  }
});
