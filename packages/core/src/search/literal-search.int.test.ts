import { getPrisma } from "@helpline/db";
import {
  createCustomerRow,
  createDeviceRow,
  createHelpdeskDeviceRow,
  createTechnicianRow,
  createTicketRow,
  unique,
} from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { ZListAuditEventsInput } from "../audit/audit-input.ts";
import { listAuditEvents } from "../audit/list-audit-events.ts";
import { ZListCustomersInput } from "../customers/customer-input.ts";
import { listCustomers } from "../customers/list-customers.ts";
import { ZListDevicesInput } from "../devices/device-input.ts";
import { listDevices } from "../devices/list-devices.ts";
import { listPortalTickets } from "../portal/list-portal-tickets.ts";
import { ZListPortalTicketsInput } from "../portal/portal-input.ts";
import { PORTAL_CONTACT_SELECT, toPortalContact } from "../portal/portal-contact.ts";
import { listTickets } from "../tickets/list-tickets.ts";
import { ZListTicketsInput } from "../tickets/ticket-input.ts";

// Each search box passes what was typed to a LIKE: "%", "_" and "\" must mean themselves.
const WILD = { percent: "%", underscore: "_", backslash: "\\" } as const;
const texts = (suffix: string) => ({
  percent: `50% off ${suffix}`,
  underscore: `snake_case ${suffix}`,
  backslash: `C:\\Temp ${suffix}`,
  plain: `plain ${suffix}`,
});

describe("searches match %, _ and \\ literally", () => {
  it("in ticket titles, on the console's Tickets list and in the Customer Portal", async () => {
    const technician = await createTechnicianRow();
    const actor = { id: technician.id, role: "technician" as const, name: technician.name };
    const customer = await createCustomerRow();
    const { contact } = await createHelpdeskDeviceRow({ customerId: customer.id });
    const titles = texts("ticket");
    for (const title of Object.values(titles))
      await createTicketRow({ customerId: customer.id, contactId: contact!.id, title });
    const portalContact = toPortalContact(
      await getPrisma().contact.findUniqueOrThrow({ where: { id: contact!.id }, select: PORTAL_CONTACT_SELECT }),
    );
    for (const [kind, search] of Object.entries(WILD) as [keyof typeof WILD, string][]) {
      const consoleTitles = (
        await listTickets({ actor, input: ZListTicketsInput.parse({ customerId: customer.id, search }) })
      ).tickets.map((ticket) => ticket.title);
      expect(consoleTitles, `console search ${search}`).toEqual([titles[kind]]);
      const portalTitles = (
        await listPortalTickets({ contact: portalContact, input: ZListPortalTicketsInput.parse({ search }) })
      ).tickets.map((ticket) => ticket.title);
      expect(portalTitles, `portal search ${search}`).toEqual([titles[kind]]);
    }
  });

  it("in device host names, signed-in profiles and IP addresses (the list and its bulk actions share the filter)", async () => {
    const customer = await createCustomerRow();
    const hosts = { percent: "PC%1", underscore: "PC_2", backslash: "PC\\3", plain: "PCX4" };
    for (const hostname of Object.values(hosts)) {
      const device = await createDeviceRow({ customerId: customer.id, profile: null });
      await getPrisma().device.update({ where: { id: device.id }, data: { hostname, ip: "10.0.0.7" } });
    }
    const withProfile = await createDeviceRow({ customerId: customer.id, profile: "CONTOSO\\frontdesk" });
    const search = async (text: string) =>
      (await listDevices({ input: ZListDevicesInput.parse({ customerId: customer.id, search: text }) })).devices
        .map((device) => device.hostname)
        .sort();
    expect(await search("%")).toEqual([hosts.percent]);
    expect(await search("_")).toEqual([hosts.underscore]);
    expect(await search("\\")).toEqual([hosts.backslash, withProfile.hostname].sort());
    expect(await search("1_")).toEqual([]); // an IP prefix: "1_" would match "10.0.0.7" as a pattern
    expect(await search("10.0")).toHaveLength(4);
  });

  it("in customer names", async () => {
    const prefix = unique("lit");
    const names = {
      percent: `${prefix}%50`,
      underscore: `${prefix}_ab`,
      backslash: `${prefix}\\cd`,
      plain: `${prefix}xyz`,
    };
    for (const name of Object.values(names)) await createCustomerRow({ name });
    for (const [kind, wild] of Object.entries(WILD) as [keyof typeof WILD, string][]) {
      const found = (await listCustomers({ input: ZListCustomersInput.parse({ search: `${prefix}${wild}` }) })).map(
        (customer) => customer.name,
      );
      expect(found, `customer search ${wild}`).toEqual([names[kind]]);
    }
  });

  it("in the audit log's action prefix", async () => {
    const prefix = unique("lit");
    const actions = {
      percent: `${prefix}.%50`,
      underscore: `${prefix}._ab`,
      backslash: `${prefix}.\\cd`,
      plain: `${prefix}.xyz`,
    };
    await getPrisma().auditEvent.createMany({
      data: Object.values(actions).map((action) => ({ actorType: "system", action, data: {} })),
    });
    for (const [kind, wild] of Object.entries(WILD) as [keyof typeof WILD, string][]) {
      const found = (
        await listAuditEvents({ input: ZListAuditEventsInput.parse({ action: `${prefix}.${wild}` }) })
      ).events.map((event) => event.action);
      expect(found, `audit search ${wild}`).toEqual([actions[kind]]);
    }
  });
});
