import { z } from "zod";

// Agent protocol v1 (shared/agent-protocol.md). Public and stable: agents in the field run older
// versions, so fields may be added (optional) but never renamed or removed. Unknown fields are
// ignored (zod objects strip them).

export const AGENT_API_PREFIX = "/api/agent/v1";
export const MAX_AGENT_BODY_BYTES = 256 * 1024;
export const MAX_WAIT_SECONDS = 55;

/**
 * Text PostgreSQL can store: no NUL, no lone UTF-16 surrogate (both fail at the database). Refused
 * at the edge with a 400 instead.
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
export const STORABLE_TEXT = /^(?:[^\u0000\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;
const plain = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .regex(STORABLE_TEXT, "must not contain NUL or broken characters");
const text = (max: number) => plain(max).min(1, "must not be empty");

export const ZOsInfo = z.object({
  platform: z.enum(["windows", "macos", "linux"]),
  name: text(200),
  version: plain(100),
  kind: z.enum(["workstation", "server"]),
});
export type TOsInfo = z.infer<typeof ZOsInfo>;

/**
 * What the agent reads from the hardware (SMBIOS UUID or serial; the agent sends a hash of it): it
 * tells a cloned disk from the machine it was cloned from. Printable ASCII, as it also travels in a
 * header.
 */
export const HARDWARE_ID = /^[\x21-\x7e]{8,128}$/;
const HARDWARE_ID_RULE = "must be 8 to 128 printable ASCII characters without spaces";
export const ZHardwareId = z.string().regex(HARDWARE_ID, HARDWARE_ID_RULE);

/**
 * Optional headers of every call but enroll (additions in v1): the machine id and hardware id the
 * agent read from this machine just now. A token presented from a machine whose ids differ from
 * the device's is refused (401), so an agent whose state file was copied with a disk image
 * re-enrolls as a device of its own instead of acting as the machine it was cloned from.
 */
export const AGENT_MACHINE_ID_HEADER = "x-helpline-machine-id";
export const AGENT_HARDWARE_ID_HEADER = "x-helpline-hardware-id";
/** A machine id that can travel in a header (the body's `machineId` may be any text). */
export const HEADER_MACHINE_ID = /^[\x21-\x7e]{1,200}$/;

export const ZEnrollRequest = z.object({
  installKey: text(200),
  machineId: text(200),
  hostname: text(255),
  os: ZOsInfo,
  agentVersion: text(50),
  // Additions in v1: proof that this is the machine enrolled before (see enroll-rules.ts).
  previousAgentToken: z.string().max(200, "must be at most 200 characters").nullish(),
  hardwareId: ZHardwareId.nullish(),
});
export type TEnrollRequest = z.infer<typeof ZEnrollRequest>;

export const ZEnrollResponse = z.object({ deviceId: z.string(), agentToken: z.string() });
export type TEnrollResponse = z.infer<typeof ZEnrollResponse>;

export const ZProfileRef = z.object({
  name: text(256),
  displayName: plain(256).nullish(),
});
export type TProfileRef = z.infer<typeof ZProfileRef>;

/**
 * One signed-in Windows session's profile (addition in v1): `console` when it is the session on the
 * physical screen and keyboard (the others are Remote Desktop or switched-away users), `trayRunning`
 * when that user's tray helper is connected to the agent now (absent: the agent cannot tell),
 * `locale` that user's Windows display language as a BCP 47 tag ("fr-FR"; absent: not known).
 */
export const ZSignedInProfile = ZProfileRef.extend({
  console: z.boolean().optional(),
  trayRunning: z.boolean().optional(),
  locale: plain(35).nullish(),
});
export type TSignedInProfile = z.infer<typeof ZSignedInProfile>;

/** At most this many notification ids acknowledged in one check-in. */
export const MAX_ACK_NOTIFICATIONS = 100;

export const ZCheckinRequest = z.object({
  agentVersion: text(50),
  hostname: text(255),
  os: ZOsInfo,
  ip: plain(100).nullish(),
  currentProfile: ZProfileRef.nullable(),
  waitSeconds: z.number().int().min(0).max(MAX_WAIT_SECONDS).optional(),
  knownStateVersion: z.number().int().optional(),
  // Additions in v1 (shared and Remote Desktop workstations, end-user language, reply notifications).
  profiles: z.array(ZSignedInProfile).max(64, "must list at most 64 profiles").optional(),
  locale: plain(35).nullish(),
  ackNotifications: z
    .array(z.string().max(100, "must be at most 100 characters"))
    .max(MAX_ACK_NOTIFICATIONS, `must list at most ${MAX_ACK_NOTIFICATIONS} ids`)
    .optional(),
});
export type TCheckinRequest = z.infer<typeof ZCheckinRequest>;

export const ZIdentity = z.object({ confirmed: z.boolean(), fullName: z.string(), email: z.string() });
export type TIdentity = z.infer<typeof ZIdentity>;

/** The end users' languages (the catalogs of @helpline/i18n), as the server names them. */
export const AGENT_LANGUAGES = ["en", "fr"] as const;
export type TAgentLanguage = (typeof AGENT_LANGUAGES)[number];

/**
 * `language` (addition in v1): the language the agent speaks to this profile's user in (local page,
 * tray), as the server decided it: the person's choice, else their Windows display language, else
 * the customer's and the MSP's defaults. Absent (an older server) or one the agent has no catalog
 * for: the agent uses the display language it detected itself, else English.
 */
export const ZHelpdeskState = z.object({
  active: z.boolean(),
  identity: ZIdentity.nullable(),
  language: z.string().max(35).optional().catch(undefined),
});
export type THelpdeskState = z.infer<typeof ZHelpdeskState>;

/** The helpdesk state of one profile the check-in listed in `profiles` (addition in v1). */
export const ZProfileHelpdesk = z.object({ name: z.string(), helpdesk: ZHelpdeskState });
export type TProfileHelpdesk = z.infer<typeof ZProfileHelpdesk>;

/**
 * Something to tell the person signed in as `profile` (addition in v1): today only `kind: "reply"`,
 * a technician's public reply to one of their tickets. `at` is an ISO 8601 instant in UTC. Kept in
 * every answer until the agent acknowledges its `id` (`ackNotifications` in a later check-in); an
 * agent ignores kinds it does not know.
 */
export const ZAgentNotification = z.object({
  id: z.string(),
  kind: z.string(),
  profile: z.string(),
  ticketNumber: z.number().int(),
  title: z.string(),
  from: z.string(),
  at: z.string(),
});
export type TAgentNotification = z.infer<typeof ZAgentNotification>;

export const ZCheckinResponse = z.object({
  stateVersion: z.number().int(),
  nextCheckinSeconds: z.number().int(),
  helpdesk: ZHelpdeskState,
  // Additions in v1: the state of every profile in the request's `profiles`, and notifications.
  profiles: z.array(ZProfileHelpdesk).optional(),
  notifications: z.array(ZAgentNotification).optional(),
  // Addition in v1: the MSP's name (Settings ▸ Portal), the Windows tray's tooltip.
  mspName: z.string().optional(),
});
export type TCheckinResponse = z.infer<typeof ZCheckinResponse>;

/** "`os.kind`: must be one of …" — the field is named so an agent developer knows what to fix. */
export function describeInvalidRequest(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "The request is invalid.";
  const field = issue.path.length > 0 ? issue.path.join(".") : "body";
  return `\`${field}\`: ${issue.message}`;
}

export const ZSendTokenRequest = z.object({
  profile: text(256),
  fullName: text(120),
  email: plain(254).pipe(z.email("must be a valid email address")),
});
export type TSendTokenRequest = z.infer<typeof ZSendTokenRequest>;
export const ZSendTokenResponse = z.object({ sentTo: z.string(), expiresInSeconds: z.number().int() });
export type TSendTokenResponse = z.infer<typeof ZSendTokenResponse>;

export const ZConfirmIdentityRequest = z.object({ profile: text(256), token: text(64) });
export type TConfirmIdentityRequest = z.infer<typeof ZConfirmIdentityRequest>;
export const ZConfirmIdentityResponse = z.object({ identity: ZIdentity });
export type TConfirmIdentityResponse = z.infer<typeof ZConfirmIdentityResponse>;

// Tickets. Attachments travel base64 in the JSON body, so ticket creation gets its own,
// larger body limit; the decoded files may total at most 10 MiB.
export const MAX_TICKET_BODY_BYTES = 12 * 1024 * 1024;
export const MAX_TICKET_ATTACHMENT_BYTES = 10 * 1024 * 1024;
// Base64 takes 4 bytes for 3, and the title, description and snapshot need room too: through the
// agent API the 12 MiB body, not the 10 MiB of decoded files, is the real ceiling (~8.8 MiB).
const TICKET_JSON_ALLOWANCE_BYTES = 256 * 1024;
export const MAX_AGENT_TICKET_FILES_BYTES = Math.min(
  MAX_TICKET_ATTACHMENT_BYTES,
  Math.floor((MAX_TICKET_BODY_BYTES - TICKET_JSON_ALLOWANCE_BYTES) / 4) * 3,
);

/** A size as people read it in messages: "1 GiB", "10 MiB" (a limit), "8.8 MiB", "300 KiB", "12 bytes". */
export function formatBytes(bytes: number): string {
  const gibibytes = bytes / (1024 * 1024 * 1024);
  if (gibibytes >= 1) return `${Number.isInteger(gibibytes) ? gibibytes : gibibytes.toFixed(1)} GiB`;
  const mebibytes = bytes / (1024 * 1024);
  if (mebibytes >= 1) return `${Number.isInteger(mebibytes) ? mebibytes : mebibytes.toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

/** What to do when files do not fit, the same sentence wherever a ticket's files are refused. */
export const ATTACHMENTS_ADVICE = "Attach fewer or smaller files, or share a link in the description.";
export const MAX_TICKET_ATTACHMENTS = 20;
export const TICKET_STATUSES = ["open", "pending", "resolved", "closed"] as const;
export const TICKET_PRIORITIES = ["low", "medium", "high", "critical"] as const;
export type TTicketStatus = (typeof TICKET_STATUSES)[number];
export type TTicketPriority = (typeof TICKET_PRIORITIES)[number];

export const ZTicketAttachment = z.object({
  name: text(255),
  contentType: plain(100)
    .regex(/^[\w.+-]+\/[\w.+-]+$/, "must be a MIME type such as image/png")
    .toLowerCase(),
  dataBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64"),
});
export type TTicketAttachment = z.infer<typeof ZTicketAttachment>;

export const ZDeviceSnapshot = z.object({
  hostname: plain(255).optional(),
  os: plain(300).optional(),
  ip: plain(100).nullish(),
  agentVersion: plain(50).optional(),
});
export type TDeviceSnapshot = z.infer<typeof ZDeviceSnapshot>;

export const ZCreateTicketRequest = z.object({
  profile: text(256),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, "must be 8 to 100 letters, digits, - or _ (a UUID)"),
  title: text(200),
  description: plain(20_000).default(""),
  priority: z.enum(TICKET_PRIORITIES).default("medium"),
  attachments: z
    .array(ZTicketAttachment)
    .max(MAX_TICKET_ATTACHMENTS, `at most ${MAX_TICKET_ATTACHMENTS} files`)
    .default([]),
  snapshot: ZDeviceSnapshot.optional(),
});
export type TCreateTicketRequest = z.input<typeof ZCreateTicketRequest>;
export type TCreateTicketInput = z.output<typeof ZCreateTicketRequest>;
/**
 * Addition in v1: when the end user can expect the first reply (the SLA's first-response due time).
 * `at` ISO 8601 UTC; `timeZone` the IANA zone of the customer's business-hours calendar, in which
 * `text` is written for the "Ticket #N created" page: "We will reply by Tuesday 3 December, 09:30
 * CET". Absent when no SLA applies or its clock does not run.
 */
export const ZFirstReplyDue = z.object({ at: z.string(), timeZone: z.string(), text: z.string() });
export type TFirstReplyDue = z.infer<typeof ZFirstReplyDue>;
export const ZCreateTicketResponse = z.object({
  ticketId: z.string(),
  number: z.number().int(),
  portalUrl: z.string(),
  // A malformed promise must not turn a created ticket into a failed delivery: it is dropped.
  firstReplyDue: ZFirstReplyDue.optional().catch(undefined),
});
/**
 * `422` code of POST /helpdesk/tickets: this device and profile already sent a different ticket
 * (title, description, priority or attachments) under this idempotency key. Not worth retrying:
 * the agent keeps the ticket in its failed queue with the server's message.
 */
export const IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";
export type TCreateTicketResponse = z.infer<typeof ZCreateTicketResponse>;

export const ZListTicketsQuery = z.object({ profile: text(256) });
export const ZAgentTicketSummary = z.object({
  number: z.number().int(),
  title: z.string(),
  status: z.enum(TICKET_STATUSES),
  updatedAt: z.string(),
});
export type TAgentTicketSummary = z.infer<typeof ZAgentTicketSummary>;
export const ZListTicketsResponse = z.object({ tickets: z.array(ZAgentTicketSummary) });
export type TListTicketsResponse = z.infer<typeof ZListTicketsResponse>;

/**
 * `POST /helpdesk/language` (addition in v1): Personal Info Settings ▸ Language. `language` one of
 * AGENT_LANGUAGES, or null for automatic (the Windows display language, else the defaults). Only
 * for a confirmed profile: `409 identity_unconfirmed` before (the agent keeps the choice for its
 * page until then). The answer's `language` is the one now in force for the profile.
 */
export const ZSetLanguageRequest = z.object({ profile: text(256), language: z.enum(AGENT_LANGUAGES).nullable() });
export type TSetLanguageRequest = z.infer<typeof ZSetLanguageRequest>;
export const ZSetLanguageResponse = z.object({ language: z.string() });
export type TSetLanguageResponse = z.infer<typeof ZSetLanguageResponse>;

// Customer Portal: a one-time link that signs the confirmed contact in.
export const ZPortalLinkRequest = z.object({ profile: text(256) });
export const ZPortalLinkResponse = z.object({ url: z.string(), expiresInSeconds: z.number().int() });
export type TPortalLinkResponse = z.infer<typeof ZPortalLinkResponse>;
