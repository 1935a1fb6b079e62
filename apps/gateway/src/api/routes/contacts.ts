import {
  contactOwnLanguage,
  DomainError,
  getContact,
  pageContacts,
  setMainContact,
  ZPageContactsInput,
  ZLocale,
  ZSetMainContactInput,
} from "@helpline/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { apiErrors, page, ZApiTime, ZIdParams, ZPageQuery } from "../api-schemas.ts";

const ZApiContact = z
  .object({
    id: z.uuid(),
    customer: z.object({ id: z.uuid(), name: z.string() }),
    fullName: z.string(),
    email: z.string(),
    isMainContact: z
      .boolean()
      .describe("A main contact sees all of the customer's tickets in the Customer Portal, not only their own."),
    emailOnReplies: z
      .boolean()
      .describe("The contact's portal preference: technicians' public replies are also mailed."),
    emailBouncedAt: ZApiTime.nullable().describe(
      "When a delivery report said mail to this address bounced; null: it did not.",
    ),
    emailBounceReason: z.string().nullable(),
    language: ZLocale.nullable().describe(
      "The contact's own language for the agent's page, the portal and their mails; null: they follow their customer's (then the MSP's) default.",
    ),
    languageSource: z
      .enum(["chosen", "windows"])
      .nullable()
      .describe(
        "Who set `language`: `chosen` by the person (Personal Info Settings, portal Preferences), or `windows`, the display language the agent reported; a choice wins over Windows.",
      ),
    createdAt: ZApiTime,
    profiles: z
      .array(z.object({ name: z.string(), device: z.object({ id: z.uuid(), hostname: z.string() }) }))
      .describe("The user profiles (and their devices) on which the contact confirmed their identity."),
  })
  .meta({ id: "Contact" });

const ZListContactsQuery = ZPageQuery.extend({
  customerId: ZPageContactsInput.shape.customerId.describe("Only this customer's contacts."),
  search: ZPageContactsInput.shape.search.describe("A part of the name or the email address, any case."),
});

const ZUpdateContactBody = ZSetMainContactInput.omit({ contactId: true });

type ContactRow = NonNullable<Awaited<ReturnType<typeof getContact>>>;

const contactView = (contact: ContactRow) => ({
  id: contact.id,
  customer: contact.customer,
  fullName: contact.fullName,
  email: contact.email,
  isMainContact: contact.isMainContact,
  emailOnReplies: contact.emailOnReplies,
  emailBouncedAt: contact.emailBouncedAt,
  emailBounceReason: contact.emailBounceReason,
  ...contactOwnLanguage(contact),
  createdAt: contact.createdAt,
  profiles: contact.profiles,
});

async function requireContact(contactId: string): Promise<ContactRow> {
  const contact = await getContact({ input: { contactId } });
  if (!contact) throw new DomainError("not_found", "No contact with this id.", 404);
  return contact;
}

/**
 * Contacts in the REST API: the Customer page's Contacts tab (packages/core/src/contacts), acting
 * as the key's technician. Every technician sees every contact; what the console can change of a
 * contact is whether they are the main contact.
 */
export const contactRoutes: FastifyPluginAsyncZod = async (api) => {
  api.get(
    "/contacts",
    {
      config: { scope: "customers:read" },
      schema: {
        operationId: "listContacts",
        tags: ["Contacts"],
        summary: "List contacts",
        description: "The customers' employees who confirmed their identity, by full name, then id.",
        querystring: ZListContactsQuery,
        response: { 200: page(ZApiContact), ...apiErrors(400) },
      },
    },
    async (request) => {
      const result = await pageContacts({ input: request.query });
      return { data: result.data.map(contactView), nextCursor: result.nextCursor };
    },
  );

  api.get(
    "/contacts/:id",
    {
      config: { scope: "customers:read" },
      schema: {
        operationId: "getContact",
        tags: ["Contacts"],
        summary: "Get a contact",
        params: ZIdParams,
        response: { 200: ZApiContact, ...apiErrors(400, 404) },
      },
    },
    async (request) => contactView(await requireContact(request.params.id)),
  );

  api.patch(
    "/contacts/:id",
    {
      config: { scope: "customers:write" },
      schema: {
        operationId: "updateContact",
        tags: ["Contacts"],
        summary: "Make a contact the main contact, or not",
        description:
          "As the Main contact switch on the Customer page; a change is audited, the same value again is not.",
        params: ZIdParams,
        body: ZUpdateContactBody,
        response: { 200: ZApiContact, ...apiErrors(400, 404) },
      },
    },
    async (request) => {
      await setMainContact({
        actor: request.api.actor,
        input: { contactId: request.params.id, isMainContact: request.body.isMainContact },
      });
      return contactView(await requireContact(request.params.id));
    },
  );
};
