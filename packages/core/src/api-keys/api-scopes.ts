import { z } from "zod";

/**
 * What an API key may do, each scope with the sentence Settings ▸ API keys shows. A key holds a
 * subset; a route names the one scope it needs (a missing one answers 403 naming it). Scopes only
 * narrow: a key never does what its technician could not do in the console (an admin-only action
 * stays admin-only whatever the scope). Public names: add, never rename.
 */
export const API_SCOPES = {
  "tickets:read": "Read tickets, their messages and the audit log",
  "tickets:write": "Create and update tickets, reply and add notes",
  "customers:read": "Read customers, their contacts and install keys",
  "customers:write": "Create customers and rotate install keys",
  "devices:read": "Read devices and their user profiles",
  "helpdesk:write": "Activate and deactivate the helpdesk on devices",
  "webhooks:manage": "Create, change and delete webhook endpoints",
} as const;

export type ApiScope = keyof typeof API_SCOPES;
export const API_SCOPE_NAMES = Object.keys(API_SCOPES) as [ApiScope, ...ApiScope[]];
export const ZApiScope = z.enum(API_SCOPE_NAMES);
