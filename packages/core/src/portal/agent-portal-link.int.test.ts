import { getPrisma } from "@helpline/db";
import { createCustomerRow, createHelpdeskDeviceRow, unique } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { hashSecret } from "../secrets.ts";
import { createAgentPortalLink } from "./create-agent-portal-link.ts";
import { getPortalSession } from "./get-portal-session.ts";
import { redeemPortalLink } from "./redeem-portal-link.ts";

const PUBLIC_URL = "https://helpdesk.example.test";

describe("the agent's Open Customer Portal link", () => {
  it("lands on the page that signs in on opening, and that page spends only links the agent made", async () => {
    const customer = await createCustomerRow();
    const alice = await createHelpdeskDeviceRow({ customerId: customer.id, email: `${unique("alice")}@contoso.test` });
    const link = await createAgentPortalLink({
      deviceId: alice.device.id,
      profile: alice.profile.name,
      publicUrl: `${PUBLIC_URL}/`,
    });
    const token = /^https:\/\/helpdesk\.example\.test\/portal\/open\/([\w-]{43})$/.exec(link.url)?.[1];
    expect(token, link.url).toBeDefined();
    const session = await redeemPortalLink({ token: token!, via: "agent" });
    expect((await getPortalSession({ sessionToken: session.sessionToken }))?.email).toBe(alice.contact!.email);
    await expect(redeemPortalLink({ token: token!, via: "agent" })).rejects.toMatchObject({ code: "invalid_link" });

    // A mailed link opened at the agent's address is refused and stays good for its Continue button.
    const mailed = `m-${unique()}`;
    await getPrisma().portalLink.create({
      data: {
        contactId: alice.contact!.id,
        tokenHash: hashSecret(mailed),
        via: "email",
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    await expect(redeemPortalLink({ token: mailed, via: "agent" })).rejects.toMatchObject({ code: "invalid_link" });
    expect(
      (await getPrisma().portalLink.findUniqueOrThrow({ where: { tokenHash: hashSecret(mailed) } })).usedAt,
    ).toBeNull();
    await expect(redeemPortalLink({ token: mailed })).resolves.toMatchObject({ sessionToken: expect.any(String) });
  });

  it("opens one session when the same link is opened many times at once", async () => {
    const customer = await createCustomerRow();
    const bob = await createHelpdeskDeviceRow({ customerId: customer.id, email: `${unique("bob")}@contoso.test` });
    const link = await createAgentPortalLink({
      deviceId: bob.device.id,
      profile: bob.profile.name,
      publicUrl: PUBLIC_URL,
    });
    const token = link.url.split("/").at(-1)!;
    const opened = await Promise.allSettled(Array.from({ length: 8 }, () => redeemPortalLink({ token, via: "agent" })));
    expect(opened.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(
      opened
        .filter((result) => result.status === "rejected")
        .map((result) => (result as PromiseRejectedResult).reason.code),
    ).toEqual(Array(7).fill("invalid_link"));
    expect(await getPrisma().portalSession.count({ where: { contactId: bob.contact!.id } })).toBe(1);
  });
});
