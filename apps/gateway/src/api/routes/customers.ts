import {
  createCustomer,
  DomainError,
  getCustomer,
  pageCustomers,
  rotateInstallKey,
  ZCreateCustomerInput,
  ZLocale,
  ZPageCustomersInput,
} from "@helpline/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { apiErrors, page, ZApiTime, ZIdParams, ZPageQuery } from "../api-schemas.ts";

const ZApiCustomer = z
  .object({
    id: z.uuid(),
    name: z.string(),
    autoActivateHelpdesk: z
      .boolean()
      .describe(
        "The customer's policy: a user profile new on one of its Windows workstations gets the helpdesk at once.",
      ),
    language: ZLocale.nullable().describe(
      "The default language of the customer's contacts who have none of their own (Customer page ▸ Language); null: the MSP's default.",
    ),
    deviceCount: z.number().int(),
    contactCount: z.number().int(),
    createdAt: ZApiTime,
  })
  .meta({ id: "Customer" });

const ZApiInstallKey = z
  .object({
    customerId: z.uuid(),
    installKey: z.string().describe("Enrolls agents under this customer: `helpline-agent enroll --install-key …`."),
    rotatedAt: ZApiTime.nullable().describe("When the key was last rotated; null: never."),
  })
  .meta({ id: "InstallKey" });

const ZListCustomersQuery = ZPageQuery.extend({
  search: ZPageCustomersInput.shape.search.describe("A part of the name, any case."),
});

type CustomerRow = Awaited<ReturnType<typeof pageCustomers>>["data"][number];

const customerView = (customer: CustomerRow) => ({
  id: customer.id,
  name: customer.name,
  autoActivateHelpdesk: customer.autoActivateHelpdesk,
  language: customer.language,
  deviceCount: customer.deviceCount,
  contactCount: customer.contactCount,
  createdAt: customer.createdAt,
});

async function requireCustomer(customerId: string) {
  const customer = await getCustomer({ input: { customerId } });
  if (!customer) throw new DomainError("not_found", "No customer with this id.", 404);
  return customer;
}

/**
 * Customers in the REST API: the services of the console's Customers pages
 * (packages/core/src/customers), acting as the key's technician. Every technician sees every
 * customer and its install key; rotating the key is for admins, as in the console.
 */
export const customerRoutes: FastifyPluginAsyncZod = async (api) => {
  api.get(
    "/customers",
    {
      config: { scope: "customers:read" },
      schema: {
        operationId: "listCustomers",
        tags: ["Customers"],
        summary: "List customers",
        description: "By name, then id.",
        querystring: ZListCustomersQuery,
        response: { 200: page(ZApiCustomer), ...apiErrors(400) },
      },
    },
    async (request) => {
      const result = await pageCustomers({ input: request.query });
      return { data: result.data.map(customerView), nextCursor: result.nextCursor };
    },
  );

  api.post(
    "/customers",
    {
      config: { scope: "customers:write" },
      schema: {
        operationId: "createCustomer",
        tags: ["Customers"],
        summary: "Create a customer",
        description: "As New customer in the console; it gets its own install key.",
        body: ZCreateCustomerInput,
        response: { 201: ZApiCustomer, ...apiErrors(400) },
      },
    },
    async (request, reply) => {
      const created = await createCustomer({ actor: request.api.actor, input: request.body });
      return reply.code(201).send(customerView(await requireCustomer(created.id)));
    },
  );

  api.get(
    "/customers/:id",
    {
      config: { scope: "customers:read" },
      schema: {
        operationId: "getCustomer",
        tags: ["Customers"],
        summary: "Get a customer",
        params: ZIdParams,
        response: { 200: ZApiCustomer, ...apiErrors(400, 404) },
      },
    },
    async (request) => customerView(await requireCustomer(request.params.id)),
  );

  api.get(
    "/customers/:id/install-key",
    {
      config: { scope: "customers:read" },
      schema: {
        operationId: "getCustomerInstallKey",
        tags: ["Customers"],
        summary: "Read a customer's install key",
        description: "The key the Customer page shows, for installers and deployment scripts.",
        params: ZIdParams,
        response: { 200: ZApiInstallKey, ...apiErrors(400, 404) },
      },
    },
    async (request) => {
      const customer = await requireCustomer(request.params.id);
      return { customerId: customer.id, installKey: customer.installKey, rotatedAt: customer.installKeyRotatedAt };
    },
  );

  api.post(
    "/customers/:id/install-key/rotate",
    {
      config: { scope: "customers:write" },
      schema: {
        operationId: "rotateCustomerInstallKey",
        tags: ["Customers"],
        summary: "Rotate a customer's install key",
        description:
          "Admins only. The old key stops enrolling at once; devices already enrolled keep working. Answers the new key.",
        params: ZIdParams,
        response: { 200: ZApiInstallKey, ...apiErrors(400, 404) },
      },
    },
    async (request) => {
      const rotated = await rotateInstallKey({ actor: request.api.actor, input: { customerId: request.params.id } });
      return { customerId: request.params.id, installKey: rotated.installKey, rotatedAt: rotated.installKeyRotatedAt };
    },
  );
};
