import { randomUUID } from "node:crypto";
import { deflateSync, crc32 } from "node:zlib";
import { expect, type Page } from "@playwright/test";
import { leftPanel } from "./helpers";

const AGENT_API = "/api/agent/v1";
const OS = { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" } as const;

export type TicketAttachmentFile = { name: string; contentType: string; data: Buffer };
export type OpenedTicket = { ticketId: string; number: number; title: string };

/** A real PNG (a small gradient), so previews have something to show and the type check passes. */
export function makePng(width = 96, height = 64): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    for (let x = 0; x < width; x++)
      rows.set([79 + Math.round((x / width) * 100), 70 + Math.round((y / height) * 80), 229], row + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * Settings ▸ Outbox (admin signed in on `page`): opens the newest mail to `to` whose subject
 * contains `subject` (is `subject`, with `exact`: a ticket's receipt `[#N] title` is also part of
 * every later mail's `Re: [#N] title`), once the built-in catcher has it, and returns its text part.
 */
export async function readOutboxMail(
  page: Page,
  options: { to: string; subject: string; exact?: boolean },
): Promise<string> {
  await leftPanel(page).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page).toHaveURL(/\/settings\/outbox/);
  const link = page.getByRole("link", { name: options.subject, exact: options.exact ?? false });
  const row = page.getByRole("row").filter({ hasText: options.to }).filter({ has: link }).first();
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("Captured", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await row.getByRole("link", { name: options.subject, exact: options.exact ?? false }).click();
  await expect(page.getByRole("region", { name: "Message" })).toContainText(options.subject);
  return (await page.getByLabel("Text part").textContent()) ?? "";
}

/** Customers ▸ New customer; returns the Install key shown on the new Customer page. */
async function createCustomerInConsole(page: Page, name: string): Promise<string> {
  await leftPanel(page).getByRole("link", { name: "Customers" }).click();
  await page.getByRole("button", { name: "New customer" }).click();
  await page.getByRole("dialog", { name: "New customer" }).getByLabel("Name").fill(name);
  await page.getByRole("dialog", { name: "New customer" }).getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.getByRole("textbox", { name: "Install key" }).inputValue();
}

/**
 * A customer whose user can open tickets, made through the real product: the customer created in
 * the console (its Install key read from the page), a Windows workstation enrolled and checked in
 * over the agent protocol, the Helpdesk Agent activated on its Device / Agent page (Manage ▸
 * Helpdesk Agent ▸ Activate), and the user's identity confirmed with the token read from Settings ▸
 * Outbox. `openTicket` then submits Add Ticket as the agent does. The admin must be signed in.
 * Given an `installKey` (and that customer's name), it adds one more device and user to that
 * customer instead of creating one.
 */
export async function setUpHelpdeskContact(
  page: Page,
  options: { customer?: string; installKey?: string; fullName?: string; email?: string; profile?: string } = {},
) {
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  // Short enough to read like real names on screenshots, unique enough within one run.
  const tag = Number(stamp).toString(36).slice(-5).toUpperCase();
  const customer = options.customer ?? `Fabrikam ${tag}`;
  const fullName = options.fullName ?? "Grace Hopper";
  const email = (options.email ?? `grace.${stamp}@fabrikam.test`).toLowerCase();
  const profile = options.profile ?? "FABRIKAM\\grace";
  const hostname = `PC-${tag}`;
  const ip = "10.0.0.7";
  const agentVersion = "1.0.0";

  const installKey = options.installKey ?? (await createCustomerInConsole(page, customer));

  const api = page.request;
  const enrolled = await api.post(`${AGENT_API}/enroll`, {
    data: { installKey, machineId: `machine-${stamp}`, hostname, os: OS, agentVersion },
  });
  expect(enrolled.status(), await enrolled.text()).toBe(201);
  const { deviceId, agentToken } = (await enrolled.json()) as { deviceId: string; agentToken: string };
  const headers = { authorization: `Bearer ${agentToken}` };
  const post = async (path: string, data: object, status: number) => {
    const response = await api.post(`${AGENT_API}${path}`, { headers, data });
    expect(response.status(), `${path}: ${await response.text()}`).toBe(status);
    return response.json();
  };
  await post(
    "/checkin",
    { agentVersion, hostname, os: OS, ip, currentProfile: { name: profile, displayName: fullName }, waitSeconds: 0 },
    200,
  );

  await page.goto(`/devices/${deviceId}`);
  await expect(page.getByRole("region", { name: "User profiles" })).toContainText(profile);
  await page.getByRole("button", { name: "Manage" }).click();
  await page.getByRole("menuitem", { name: "Helpdesk Agent" }).click();
  await page.getByRole("menu", { name: "Helpdesk Agent" }).getByRole("menuitem", { name: "Activate" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Helpdesk Agent activated for ${profile}.` })).toBeVisible();

  await post("/helpdesk/identity/send-token", { profile, fullName, email }, 202);
  const text = await readOutboxMail(page, { to: email, subject: "Your Helpline confirmation token" });
  const token = /^([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})$/m.exec(text)?.[1];
  expect(token, "the token stands on a line of its own").toBeDefined();
  await post("/helpdesk/identity/confirm", { profile, token }, 200);

  /** Add Ticket from the device, with its snapshot and attachments. */
  async function openTicket(ticket: {
    title: string;
    description?: string;
    priority?: "low" | "medium" | "high" | "critical";
    attachments?: TicketAttachmentFile[];
  }): Promise<OpenedTicket> {
    const created = (await post(
      "/helpdesk/tickets",
      {
        profile,
        idempotencyKey: randomUUID(),
        title: ticket.title,
        description: ticket.description ?? "",
        priority: ticket.priority ?? "medium",
        attachments: (ticket.attachments ?? []).map((file) => ({
          name: file.name,
          contentType: file.contentType,
          dataBase64: file.data.toString("base64"),
        })),
        snapshot: { hostname, os: `${OS.name} ${OS.version}`, ip, agentVersion },
      },
      201,
    )) as { ticketId: string; number: number };
    return { ...created, title: ticket.title };
  }

  return {
    customer,
    installKey,
    deviceId,
    agentToken,
    hostname,
    ip,
    agentVersion,
    profile,
    contact: { fullName, email },
    openTicket,
  };
}
