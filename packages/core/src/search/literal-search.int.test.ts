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
import { ZPageAuditEventsInput } from "../audit/audit-input.ts";
import { pageAuditEvents } from "../audit/page-audit-events.ts";
import { ZPageContactsInput } from "../contacts/contact-input.ts";
import { pageContacts } from "../contacts/page-contacts.ts";
import { pageCustomers } from "../customers/page-customers.ts";
import { pageDevices } from "../devices/page-devices.ts";
import { ZListCustomersInput, ZPageCustomersInput } from "../customers/customer-input.ts";
import { listCustomers } from "../customers/list-customers.ts";
import { ZListDevicesInput, ZPageDevicesInput } from "../devices/device-input.ts";
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

  it("in device host names, signed-in profiles and IP addresses (the list, its bulk actions and the API share the filter)", async () => {
    const customer = await createCustomerRow();
    const hosts = { percent: "PC%1", underscore: "PC_2", backslash: "PC\\3", plain: "PCX4" };
    for (const hostname of Object.values(hosts)) {
      const device = await createDeviceRow({ customerId: customer.id, profile: null });
      await getPrisma().device.update({ where: { id: device.id }, data: { hostname, ip: "10.0.0.7" } });
    }
    const withProfile = await createDeviceRow({ customerId: customer.id, profile: "CONTOSO\\frontdesk" });
    const search = async (text: string) => {
      const found = (
        await listDevices({ input: ZListDevicesInput.parse({ customerId: customer.id, search: text }) })
      ).devices.map((device) => device.hostname);
      const api = (
        await pageDevices({ input: ZPageDevicesInput.parse({ customerId: customer.id, search: text }) })
      ).data.map((device) => device.hostname);
      expect(api, `API device search ${text}`).toEqual(found);
      return found.sort();
    };
    expect(await search("%")).toEqual([hosts.percent]);
    expect(await search("_")).toEqual([hosts.underscore]);
    expect(await search("\\")).toEqual([hosts.backslash, withProfile.hostname].sort());
    expect(await search("1_")).toEqual([]); // an IP prefix: "1_" would match "10.0.0.7" as a pattern
    expect(await search("10.0")).toHaveLength(4);
  });

  it("in customer names, on the Customers page and in the API", async () => {
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
      const api = (await pageCustomers({ input: ZPageCustomersInput.parse({ search: `${prefix}${wild}` }) })).data;
      expect(
        api.map((customer) => customer.name),
        `API customer search ${wild}`,
      ).toEqual([names[kind]]);
    }
  });

  it("in contact names and addresses in the API", async () => {
    const customer = await createCustomerRow();
    const names = { percent: "Ann 50% Lee", underscore: "Bo_Ek", backslash: "Cy\\Do", plain: "Di Fo" };
    for (const fullName of Object.values(names))
      await getPrisma().contact.create({
        data: { customerId: customer.id, fullName, email: `${unique("lit")}@example.test` },
      });
    for (const [kind, wild] of Object.entries(WILD) as [keyof typeof WILD, string][]) {
      const found = (
        await pageContacts({ input: ZPageContactsInput.parse({ customerId: customer.id, search: wild }) })
      ).data.map((contact) => contact.fullName);
      expect(found, `API contact search ${wild}`).toEqual([names[kind]]);
    }
  });

  it("in the audit log's action prefix, in Settings and in the API", async () => {
    const admin = { id: (await createTechnicianRow({ role: "admin" })).id, role: "admin" as const };
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
      const api = (
        await pageAuditEvents({ actor: admin, input: ZPageAuditEventsInput.parse({ action: `${prefix}.${wild}` }) })
      ).data.map((event) => event.action);
      expect(api, `API audit search ${wild}`).toEqual([actions[kind]]);
    }
  });
});
