import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from "@playwright/test";
import { signInAsAdmin } from "./helpers";
import { makePng, readOutboxMail, setUpHelpdeskContact } from "./ticket-fixtures";

const SCREENS = "test-results/screens";
test.describe.configure({ timeout: 120_000 });

/** The agent's Open Customer Portal: a one-time sign-in URL for the profile's confirmed contact. */
async function agentPortalLink(page: Page, contact: { agentToken: string; profile: string }): Promise<string> {
  const response = await page.request.post("/api/agent/v1/helpdesk/portal-link", {
    headers: { authorization: `Bearer ${contact.agentToken}` },
    data: { profile: contact.profile },
  });
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { url: string; expiresInSeconds: number };
  expect(body.expiresInSeconds).toBe(120);
  return body.url;
}

test("a contact signs in by an emailed link, follows a ticket, replies, and reads the technician's answer but never the internal note", async ({
  page,
  browser,
}) => {
  await signInAsAdmin(page);
  const grace = await setUpHelpdeskContact(page);
  const ticket = await grace.openTicket({
    title: "Outlook keeps crashing",
    description: "Every morning at 9.",
    attachments: [{ name: "screenshot.png", contentType: "image/png", data: makePng() }],
  });

  const portalContext = await browser.newContext();
  const portal = await portalContext.newPage();
  await portal.goto(`/portal/tickets/${ticket.number}`);
  await expect(portal).toHaveURL(/\/portal\/sign-in\?next=/);
  await portal.getByLabel("Email").fill(grace.contact.email);
  await portal.getByRole("button", { name: "Email me a sign-in link" }).click();
  const sent = portal
    .getByRole("status")
    .filter({ hasText: "If this address belongs to one of our contacts, a sign-in link is on its way." });
  await expect(sent).toBeVisible();
  // A stranger gets the very same answer.
  await portal.getByLabel("Email").fill(`nobody.${Date.now()}@example.test`);
  await portal.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(sent).toBeVisible();

  const mail = await readOutboxMail(page, {
    to: grace.contact.email,
    subject: "Sign in to the Helpline Customer Portal",
  });
  const link = /(http\S+\/portal\/sign-in\/\S+)/.exec(mail)![1]!;
  // Mail scanners open links: a mailed link is never spent by opening it, not even at the agent's address.
  await portal.goto(link.replace("/portal/sign-in/", "/portal/open/"));
  await expect(portal).toHaveURL(/\/portal\/sign-in\?error=invalid_link$/);
  await portal.goto(link);
  await portal.getByRole("button", { name: "Continue" }).click();
  await expect(portal).toHaveURL(new RegExp(`/portal/tickets/${ticket.number}$`));
  await expect(portal.getByRole("heading", { name: `#${ticket.number} Outlook keeps crashing` })).toBeVisible();
  await expect(portal.getByRole("img", { name: "screenshot.png" })).toBeVisible();
  await portal.getByLabel("Message").fill("It crashed again at 10:02.");
  await portal.getByRole("button", { name: "Send reply" }).click();
  await expect(portal.getByRole("status").filter({ hasText: "Reply sent." })).toBeVisible();

  // The technician sees the reply in the console, answers in public and leaves an internal note.
  await page.goto(`/tickets/${ticket.number}`);
  await expect(page.getByRole("list", { name: "Conversation" })).toContainText("It crashed again at 10:02.");
  await page.getByRole("tab", { name: "Reply" }).click();
  await page.getByLabel("Message").fill("Please try safe mode: outlook.exe /safe");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Reply sent to ${grace.contact.email}` })).toBeVisible();
  await page.getByRole("tab", { name: "Internal note" }).click();
  await page.getByLabel("Message").fill("Probably the Acme add-in again.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Note added" })).toBeVisible();

  await portal.reload();
  const conversation = portal.getByRole("list", { name: "Conversation" });
  await expect(conversation).toContainText("Please try safe mode: outlook.exe /safe");
  await expect(conversation).not.toContainText("Acme add-in");
  await portal.screenshot({ path: `${SCREENS}/portal-ticket.png`, fullPage: true });

  await portal.getByRole("button", { name: "Close ticket" }).click();
  await expect(portal.getByRole("status").filter({ hasText: "Ticket closed." })).toBeVisible();
  await portal.getByRole("button", { name: "Reopen ticket" }).click();
  await expect(portal.getByRole("status").filter({ hasText: "Ticket reopened." })).toBeVisible();

  await portal.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "New ticket" }).click();
  await portal.getByLabel("Title").fill("Second monitor flickers");
  await portal.getByLabel("Description").fill("Since the docking station was replaced.");
  await portal.getByRole("button", { name: "Create ticket" }).click();
  await expect(portal.getByRole("heading", { name: /#\d+ Second monitor flickers/ })).toBeVisible();

  await portal.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "My tickets" }).click();
  const list = portal.getByRole("list", { name: "Tickets" });
  await expect(list).toContainText("Second monitor flickers");
  await expect(list).toContainText("Outlook keeps crashing");
  await portal.getByLabel("Search").fill("monitor");
  await portal.getByRole("button", { name: "Apply" }).click();
  await expect(list).not.toContainText("Outlook keeps crashing");
  await portal.setViewportSize({ width: 390, height: 844 });
  await portal.screenshot({ path: `${SCREENS}/portal-phone.png`, fullPage: true });
  await portal.setViewportSize({ width: 1280, height: 800 });

  await portal.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Preferences" }).click();
  await portal.getByLabel("Email me when a technician replies").uncheck();
  await expect(portal.getByRole("status").filter({ hasText: "No more emails on replies" })).toBeVisible();

  await portal.getByRole("button", { name: "Sign out" }).click();
  await expect(portal.getByRole("status").filter({ hasText: "You are signed out." })).toBeVisible();
  await portal.goto("/portal");
  await expect(portal).toHaveURL(/\/portal\/sign-in/);
  await portal.goto(link);
  await portal.getByRole("button", { name: "Continue" }).click();
  await expect(
    portal.getByRole("alert").filter({ hasText: "This sign-in link has expired or was already used." }),
  ).toBeVisible();
  await portalContext.close();
});

test("a reply notification's click: the agent's link with next= lands on that ticket, signed in; a next= off the portal lands on its home", async ({
  page,
  browser,
}) => {
  await signInAsAdmin(page);
  const grace = await setUpHelpdeskContact(page);
  const ticket = await grace.openTicket({ title: "Grace's scanner" });

  const portal = await (await browser.newContext()).newPage();
  await portal.goto(
    `${await agentPortalLink(page, grace)}?next=${encodeURIComponent(`/portal/tickets/${ticket.number}`)}`,
  );
  await expect(portal).toHaveURL(new RegExp(`/portal/tickets/${ticket.number}$`));
  await expect(portal.getByRole("heading", { name: /Grace's scanner/ })).toBeVisible();

  const elsewhere = await (await browser.newContext()).newPage();
  await elsewhere.goto(
    `${await agentPortalLink(page, grace)}?next=${encodeURIComponent("https://evil.example/portal")}`,
  );
  await expect(elsewhere).toHaveURL(/\/portal$/);
});

test("Open Customer Portal from the agent signs the contact in on opening, once; the main contact sees all of the customer's tickets", async ({
  page,
  browser,
}) => {
  await signInAsAdmin(page);
  const grace = await setUpHelpdeskContact(page);
  const alan = await setUpHelpdeskContact(page, {
    installKey: grace.installKey,
    customer: grace.customer,
    fullName: "Alan Turing",
    profile: "FABRIKAM\\alan",
  });
  await grace.openTicket({ title: "Grace's printer" });
  await alan.openTicket({ title: "Alan's VPN" });

  const link = await agentPortalLink(page, grace);
  const portalContext = await browser.newContext();
  const portal = await portalContext.newPage();
  // Another site's <img> or a prefetch cannot spend it (nor sign a visitor in as Grace).
  const embeds: Record<string, string>[] = [
    { "sec-fetch-dest": "image" },
    { "sec-fetch-dest": "document", "sec-purpose": "prefetch" },
  ];
  for (const headers of embeds) {
    const embedded = await page.request.get(link, { headers, maxRedirects: 0 });
    expect(embedded.status()).toBe(403);
  }
  // The agent's link never travels by mail: opening it signs in, with no Continue page.
  await portal.goto(link);
  await expect(portal).toHaveURL(/\/portal$/);
  await expect(portal.getByRole("heading", { name: "My tickets" })).toBeVisible();
  const list = portal.getByRole("list", { name: "Tickets" });
  await expect(list).toContainText("Grace's printer");
  await expect(list).not.toContainText("Alan's VPN");
  await expect(portal.getByLabel("Show")).toHaveCount(0);

  // Single use: the same link in another browser is refused.
  const other = await (await browser.newContext()).newPage();
  await other.goto(link);
  await expect(other).toHaveURL(/\/portal\/sign-in\?error=invalid_link$/);
  await expect(
    other.getByRole("alert").filter({ hasText: "This sign-in link has expired or was already used." }),
  ).toBeVisible();

  await page.goto(`/customers`);
  await page.getByRole("link", { name: grace.customer }).click();
  await page.getByRole("link", { name: "Contacts" }).click();
  await page.getByLabel(`Main contact: ${grace.contact.fullName}`).check();
  await expect(
    page.getByRole("status").filter({ hasText: `${grace.contact.fullName} is a main contact` }),
  ).toBeVisible();

  await portal.reload();
  await portal.getByLabel("Show").selectOption({ label: `All ${grace.customer} tickets` });
  await portal.getByRole("button", { name: "Apply" }).click();
  await expect(portal.getByRole("heading", { name: `All ${grace.customer} tickets` })).toBeVisible();
  await expect(list).toContainText("Alan's VPN");
  await expect(list).toContainText("Grace's printer");
  await portal.screenshot({ path: `${SCREENS}/portal-main-contact.png` });
  await portalContext.close();
});

test("My tickets pages by keyset: a ticket that arrives between page 1 and page 2 is not shown twice; an edited page link is refused", async ({
  page,
  browser,
}) => {
  await signInAsAdmin(page);
  const grace = await setUpHelpdeskContact(page);
  const opened: number[] = [];
  for (let index = 0; index < 51; index++)
    opened.push((await grace.openTicket({ title: `Paging ticket ${index}` })).number);

  const portalContext = await browser.newContext();
  const portal = await portalContext.newPage();
  // The agent's link lands signed in.
  await portal.goto(await agentPortalLink(page, grace));
  const list = portal.getByRole("list", { name: "Tickets" });
  const shownNumbers = async () =>
    (await list.getByRole("link").allTextContents()).map((text) => Number(/#(\d+)/.exec(text)![1]));
  await expect(list.getByRole("link")).toHaveCount(50);
  const firstPage = await shownNumbers();
  expect(firstPage).toEqual(opened.slice(1).reverse());

  const arrived = await grace.openTicket({ title: "Arrived while paging" });
  await portal.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next" }).click();
  await expect(list.getByRole("link")).toHaveCount(1);
  expect(await shownNumbers()).toEqual([opened[0]]);
  await portal.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Previous" }).click();
  await expect(list.getByRole("link")).toHaveCount(50);
  expect(await shownNumbers()).toEqual(firstPage);
  await portal.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Previous" }).click();
  await expect(list.getByRole("link")).toHaveCount(1);
  expect(await shownNumbers()).toEqual([arrived.number]);

  // An edited cursor: a clean message with a way back on the page, a 400 in the JSON shape from the API.
  const cursor = new URL(
    (await portal
      .getByRole("navigation", { name: "Pages" })
      .getByRole("link", { name: "Next" })
      .getAttribute("href")) ?? "",
    "http://x",
  ).searchParams.get("cursor")!;
  const edited = `${cursor.slice(0, 5)}${cursor[5] === "A" ? "B" : "A"}${cursor.slice(6)}`;
  const refused = portal
    .getByRole("alert")
    .filter({ hasText: "This page link is not valid. Start again from the first page." });
  for (const bad of [edited, "not a cursor!"]) {
    await portal.goto(`/portal?${new URLSearchParams({ cursor: bad })}`);
    await expect(refused).toBeVisible();
    const api = await portal.request.get(`/portal/api/tickets?${new URLSearchParams({ cursor: bad })}`);
    expect(api.status()).toBe(400);
    expect(((await api.json()) as { error: { message: string } }).error.message).toContain(
      "This page link is not valid.",
    );
  }
  await refused.getByRole("link", { name: "First page" }).click();
  await expect(list.getByRole("link")).toHaveCount(50);
  await portalContext.close();
});

test("isolation over HTTP: a contact reaches only their own tickets by every route, never another customer's", async ({
  page,
  baseURL,
}) => {
  await signInAsAdmin(page);
  const a1 = await setUpHelpdeskContact(page);
  const a2 = await setUpHelpdeskContact(page, {
    installKey: a1.installKey,
    customer: a1.customer,
    fullName: "Ada Lovelace",
    profile: "FABRIKAM\\ada",
  });
  const b1 = await setUpHelpdeskContact(page, { fullName: "Eve Intruder", profile: "NORTHWIND\\eve" });
  const people = [a1, a2, b1];
  const png = { name: "proof.png", contentType: "image/png", data: makePng(8, 8) };
  const tickets = await Promise.all(
    people.map((person, index) => person.openTicket({ title: `Ticket of contact ${index}`, attachments: [png] })),
  );

  // Each contact signed in through their agent's link, in a cookie jar of their own.
  const sessions: APIRequestContext[] = [];
  for (const person of people) {
    const session = await playwrightRequest.newContext({ baseURL });
    const token = new URL(await agentPortalLink(page, person)).pathname.split("/").at(-1)!;
    const signedIn = await session.post("/portal/api/session", {
      headers: { origin: baseURL! },
      form: { token, next: "/portal" },
    });
    expect(signedIn.url()).toMatch(/\/portal$/);
    sessions.push(session);
  }
  const write = { headers: { origin: baseURL! } };
  const attachmentOf = await Promise.all(
    sessions.map(async (session, index) => {
      const body = (await (await session.get(`/portal/api/tickets/${tickets[index]!.number}`)).json()) as {
        ticket: { attachments: { id: string }[] };
      };
      return body.ticket.attachments[0]!.id;
    }),
  );
  let checks = 0;
  for (const [who, session] of sessions.entries()) {
    const listed = (await (await session.get("/portal/api/tickets")).json()) as { tickets: { number: number }[] };
    expect(listed.tickets.map((ticket) => ticket.number)).toEqual([tickets[who]!.number]);
    for (const [whose, ticket] of tickets.entries()) {
      const expected = who === whose ? 200 : 404;
      for (const path of [
        `/portal/tickets/${ticket.number}`,
        `/portal/api/tickets/${ticket.number}`,
        `/portal/api/tickets/${ticket.number}/attachments/${attachmentOf[whose]}`,
      ]) {
        expect((await session.get(path)).status(), `${path} as contact ${who}`).toBe(expected);
      }
      // Someone else's file under one's own ticket number: still 404.
      if (who !== whose)
        expect(
          (
            await session.get(`/portal/api/tickets/${tickets[who]!.number}/attachments/${attachmentOf[whose]}`)
          ).status(),
        ).toBe(404);
      const reply = await session.post(`/portal/api/tickets/${ticket.number}/replies`, {
        ...write,
        data: { body: `probe from ${who}` },
      });
      expect(reply.status(), `reply to ${whose} as ${who}`).toBe(who === whose ? 201 : 404);
      const status = await session.post(`/portal/api/tickets/${ticket.number}/status`, {
        ...write,
        data: { action: who === whose ? "reopen" : "close" },
      });
      expect(status.status()).toBe(expected);
      checks += 6;
    }
    // Out of reach reads exactly like missing.
    const foreign = await session.get(`/portal/api/tickets/${tickets[(who + 1) % 3]!.number}`);
    const missing = await session.get("/portal/api/tickets/999999999");
    expect(foreign.status()).toBe(404);
    expect(await foreign.text()).toBe(await missing.text());
  }

  // No session: 401 on the API, the sign-in page for pages; a write from another site: 403.
  const anonymous = await playwrightRequest.newContext({ baseURL });
  expect((await anonymous.get("/portal/api/tickets")).status()).toBe(401);
  expect((await anonymous.get(`/portal/tickets/${tickets[0]!.number}`)).url()).toContain("/portal/sign-in");
  expect(
    (
      await sessions[0]!.post(`/portal/api/tickets/${tickets[0]!.number}/replies`, {
        headers: { origin: "https://evil.example" },
        data: { body: "csrf" },
      })
    ).status(),
  ).toBe(403);
  expect(
    (
      await sessions[0]!.post(`/portal/api/tickets/${tickets[0]!.number}/replies`, { data: { body: "no origin" } })
    ).status(),
  ).toBe(403);
  // Login CSRF: another site cannot post a sign-in link's token to make a visitor someone else.
  const victim = await playwrightRequest.newContext({ baseURL });
  const forged = new URL(await agentPortalLink(page, a1)).pathname.split("/").at(-1)!;
  expect(
    (
      await victim.post("/portal/api/session", { headers: { origin: "https://evil.example" }, form: { token: forged } })
    ).url(),
  ).toContain("error=invalid_link");
  expect((await victim.get("/portal/api/tickets")).status()).toBe(401);
  await victim.dispose();
  // Oversized bodies are refused as they arrive.
  const huge = await sessions[0]!.post(`/portal/api/tickets/${tickets[0]!.number}/replies`, {
    ...write,
    headers: { ...write.headers, "content-type": "application/json" },
    data: JSON.stringify({ body: "x".repeat(200_000) }),
  });
  expect(huge.status()).toBe(413);

  // The portal's writes: hostile bodies get a 4xx in the JSON error shape, never a 5xx.
  const NASTY: unknown[] = [
    null,
    0,
    "",
    "x".repeat(30_000),
    "<script>alert(1)</script>",
    "\u0000",
    [],
    {},
    { body: { $gt: "" } },
    { body: "\u0000" },
    { body: "x".repeat(25_000) },
    { title: "" },
    { title: 5 },
    { action: "delete" },
    { emailOnReplies: "yes" },
    { attachments: [{ name: "a.png", contentType: "image/png", dataBase64: "PHNjcmlwdD4=" }], title: "x" },
  ];
  const statuses = new Map<number, number>();
  const targets = [
    "/portal/api/tickets",
    `/portal/api/tickets/${tickets[0]!.number}/replies`,
    `/portal/api/tickets/${tickets[0]!.number}/status`,
    "/portal/api/preferences",
    "/portal/api/sign-in",
    "/portal/api/tickets/abc/replies",
    "/portal/api/tickets/-1/status",
  ];
  for (const target of targets) {
    for (const body of NASTY) {
      const response = await sessions[0]!.post(target, {
        ...write,
        headers: { ...write.headers, "content-type": "application/json" },
        data: JSON.stringify(body),
      });
      statuses.set(response.status(), (statuses.get(response.status()) ?? 0) + 1);
      expect(response.status(), `${target} ${JSON.stringify(body).slice(0, 80)}`).toBeLessThan(500);
      if (response.status() >= 400)
        expect(((await response.json()) as { error?: { code?: string } }).error?.code).toBeTruthy();
    }
    const broken = await sessions[0]!.post(target, {
      ...write,
      headers: { ...write.headers, "content-type": "application/json" },
      data: '{"body": ',
    });
    expect(broken.status()).toBe(400);
  }
  console.log(
    `Portal isolation: ${checks} cross-contact checks; hostile portal writes: ${[...statuses].map(([status, count]) => `${count}× ${status}`).join(", ")}, 0× 5xx`,
  );
  for (const session of [...sessions, anonymous]) await session.dispose();
});

test("an admin gives the Customer Portal the MSP's name in Settings ▸ Portal", async ({ page, browser }) => {
  await signInAsAdmin(page);
  await page.goto("/settings/technicians");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Portal" }).click();
  const form = page.getByRole("form", { name: "Customer Portal" });
  await form.getByLabel("Company name").fill("");
  await form.getByLabel("Logo URL").fill("http://insecure.example/logo.png");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("Enter the name your customers know you by.")).toBeVisible();
  await expect(form.getByText("Use an https:// address (or leave it empty).")).toBeVisible();

  await form.getByLabel("Company name").fill("Northwind IT");
  await form.getByLabel("Logo URL").fill("");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "The Customer Portal shows your name and logo." }),
  ).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/settings-portal.png` });

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/portal/sign-in");
  await expect(visitor.getByRole("link", { name: /Northwind IT/ })).toBeVisible();
  await expect(visitor).toHaveTitle(/Northwind IT Customer Portal/);

  // Back to the default, for the tests that read the sign-in mail's subject.
  await form.getByLabel("Company name").fill("Helpline");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "The Customer Portal shows your name and logo." }).first(),
  ).toBeVisible();
});
