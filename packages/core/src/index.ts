// The domain services and their input schemas, by domain: what the console, the gateway and the
// bench may call. Each service checks authorization and tenancy itself (in its queries), so a caller
// parses its input with the schema beside it and passes the actor. Start-up work lives under
// `@helpline/core/setup` and test helpers under `@helpline/core/testing`, so neither enters the
// console's bundles through this entry.

// Errors and actors
export { DomainError } from "./errors.ts";
export { type TechnicianActor } from "./actor.ts";
export { hashSecret } from "./secrets.ts";
export { errorResponse, type ErrorResponse } from "./error-response.ts";
export { requestClientAddress, resolveClientAddress } from "./http/client-address.ts";

// Configuration: every environment variable, parsed once
export {
  config,
  ConfigError,
  loadConfigOrExit,
  parseConfig,
  type HelplineConfig,
  type MailConfig,
} from "./config/config.ts";

// Technicians: sign-in, sessions, accounts
export { ZSignInInput, type TSignInInput } from "./auth/auth-input.ts";
export { signInTechnician, SESSION_LIFETIME_MS } from "./auth/sign-in-technician.ts";
export { getSessionTechnician } from "./auth/get-session-technician.ts";
export { endSession } from "./auth/end-session.ts";
export { ensureAuthSecret } from "./settings/ensure-auth-secret.ts";
export {
  ZCreateTechnicianInput,
  ZSetTechnicianDisabledInput,
  type TCreateTechnicianInput,
  type TSetTechnicianDisabledInput,
} from "./technicians/technician-input.ts";
export { createTechnician } from "./technicians/create-technician.ts";
export { setTechnicianDisabled } from "./technicians/set-technician-disabled.ts";
export { listTechnicians } from "./technicians/list-technicians.ts";

// Customers and their contacts
export {
  ZCreateCustomerInput,
  ZCustomerRef,
  ZListCustomersInput,
  ZPageCustomersInput,
  type TCreateCustomerInput,
  type TCustomerRef,
  type TListCustomersInput,
  type TPageCustomersInput,
} from "./customers/customer-input.ts";
export { createCustomer } from "./customers/create-customer.ts";
export { listCustomers } from "./customers/list-customers.ts";
export { pageCustomers } from "./customers/page-customers.ts";
export { getCustomer } from "./customers/get-customer.ts";
export { rotateInstallKey } from "./customers/rotate-install-key.ts";
export {
  ZContactRef,
  ZPageContactsInput,
  ZSetMainContactInput,
  type TContactRef,
  type TPageContactsInput,
  type TSetMainContactInput,
} from "./contacts/contact-input.ts";
export { listContacts } from "./contacts/list-contacts.ts";
export { pageContacts } from "./contacts/page-contacts.ts";
export { getContact } from "./contacts/get-contact.ts";
export { setMainContact } from "./contacts/set-main-contact.ts";

// Devices: enrollment, check-ins, the fleet list
export {
  ZListDevicesInput,
  ZDeviceRef,
  ZPageDevicesInput,
  type TListDevicesInput,
  type TDeviceRef,
  type TPageDevicesInput,
  type TDeviceFilter,
} from "./devices/device-input.ts";
export { DEVICE_CHANNEL, STALE_PREFIX } from "./devices/device-channel.ts";
export { NEXT_CHECKIN_SECONDS } from "./devices/device-presence.ts";
export { enrollDevice } from "./devices/enroll-device.ts";
export { TOKEN_GRACE_MS } from "./devices/enroll-rules.ts";
export { claimDeviceHardware } from "./devices/claim-device-hardware.ts";
export {
  findDeviceByTokenHash,
  NOTIFICATION_MAX_AGE_MS,
  MAX_NOTIFICATIONS_PER_CHECKIN,
  type AuthenticatedDevice,
  type DeviceInventory,
  type ProfileLanguageFacts,
  type SignedInProfileState,
  type PendingNotification,
} from "./devices/find-device-by-token.ts";
export { recordDeviceInventory } from "./devices/record-device-inventory.ts";
export {
  recordSignedInProfiles,
  forgetSignedInProfiles,
  uniqueReportedProfiles,
  type ReportedProfile,
} from "./devices/record-signed-in-profiles.ts";
export { acknowledgeNotifications } from "./notifications/acknowledge-notifications.ts";
export { flushLastSeen } from "./devices/flush-last-seen.ts";
export { listDevices } from "./devices/list-devices.ts";
export { pageDevices } from "./devices/page-devices.ts";
export { getDevice } from "./devices/get-device.ts";
export { type CloneFlag } from "./devices/clone-flag.ts";

// The Helpdesk Agent: activation on devices and by customer policy
export {
  ZApplyHelpdeskInput,
  ZSetDeviceHelpdeskInput,
  ZSetHelpdeskPolicyInput,
  type TApplyHelpdeskInput,
  type TSetDeviceHelpdeskInput,
  type TSetHelpdeskPolicyInput,
} from "./helpdesk/helpdesk-input.ts";
export { type HelpdeskOutcome, type HelpdeskState, type SkipReason } from "./helpdesk/helpdesk-rules.ts";
export { applyHelpdeskAction, type HelpdeskResult } from "./helpdesk/apply-helpdesk-action.ts";
export { setDeviceHelpdesk } from "./helpdesk/set-device-helpdesk.ts";
export { setHelpdeskPolicy } from "./helpdesk/set-helpdesk-policy.ts";
export { bumpHelpdeskState } from "./helpdesk/bump-helpdesk-state.ts";

// Identity: the end user confirms who they are by an emailed token
export { sendIdentityToken } from "./identity/send-identity-token.ts";
export { confirmIdentity } from "./identity/confirm-identity.ts";

// Tickets: the technicians' desk and tickets from agents
export {
  SLA_FILTERS,
  ZAssignTicketCustomerInput,
  ZGetTicketInput,
  ZListTicketsInput,
  ZNewConsoleTicketInput,
  ZTicketAttachmentRef,
  ZTicketMessageInput,
  ZUpdateTicketInput,
  type TAssignTicketCustomerInput,
  type TGetTicketInput,
  type TListTicketsInput,
  type TNewConsoleTicketInput,
  type TSlaFilter,
  type TTicketAttachmentRef,
  type TTicketMessageInput,
  type TUpdateTicketInput,
} from "./tickets/ticket-input.ts";
export { createAgentTicket } from "./tickets/create-agent-ticket.ts";
export { listContactTickets } from "./tickets/list-contact-tickets.ts";
export { listTickets } from "./tickets/list-tickets.ts";
export { getTicket, type ReplyMailState, type TicketSnapshot } from "./tickets/get-ticket.ts";
export { getTicketAttachment } from "./tickets/get-ticket-attachment.ts";
export { createConsoleTicket } from "./tickets/create-console-ticket.ts";
export { replyToTicket } from "./tickets/reply-to-ticket.ts";
export { addTicketNote } from "./tickets/add-ticket-note.ts";
export { updateTicket } from "./tickets/update-ticket.ts";
export { listTicketAssignees } from "./tickets/list-ticket-assignees.ts";
export { getDashboard } from "./tickets/get-dashboard.ts";
export { assignTicketCustomer } from "./tickets/assign-ticket-customer.ts";

// Customer Portal: contacts' sign-in, sessions and tickets
export {
  INVALID_PORTAL_CURSOR,
  ZContactPreferencesInput,
  ZListPortalTicketsInput,
  ZPortalBrandingInput,
  ZPortalNewTicketInput,
  ZPortalReplyInput,
  ZPortalSignInInput,
  ZPortalStatusInput,
  ZPortalTicketNumber,
  type TContactPreferencesInput,
  type TListPortalTicketsInput,
  type TPortalBrandingInput,
  type TPortalNewTicketInput,
  type TPortalReplyInput,
  type TPortalSignInInput,
  type TPortalStatusInput,
} from "./portal/portal-input.ts";
export { type PortalContact } from "./portal/portal-contact.ts";
export { safePortalPath } from "./portal/portal-links.ts";
export { requestPortalSignIn } from "./portal/request-portal-sign-in.ts";
export { createAgentPortalLink } from "./portal/create-agent-portal-link.ts";
export { redeemPortalLink } from "./portal/redeem-portal-link.ts";
export { getPortalSession } from "./portal/get-portal-session.ts";
export { endPortalSession } from "./portal/end-portal-session.ts";
export { getPortalBranding, type PortalBranding } from "./portal/get-portal-branding.ts";
export { setPortalBranding } from "./portal/set-portal-branding.ts";
export { listPortalTickets } from "./portal/list-portal-tickets.ts";
export { getPortalTicket } from "./portal/get-portal-ticket.ts";
export { getPortalAttachment } from "./portal/get-portal-attachment.ts";
export { replyAsContact } from "./portal/reply-as-contact.ts";
export { setPortalTicketStatus } from "./portal/set-portal-ticket-status.ts";
export { createPortalTicket } from "./portal/create-portal-ticket.ts";
export { setContactPreferences } from "./portal/set-contact-preferences.ts";

// Mail: the outbox and its delivery
export { ZListOutboxInput, type TListOutboxInput } from "./mail/mail-input.ts";
export { createMailTransport, type MailTransport } from "./mail/mail-transport.ts";
export { deliverDueMail } from "./mail/deliver-due-mail.ts";
export { MailDelivery } from "./mail/mail-delivery.ts";
export { listOutbox } from "./mail/list-outbox.ts";
export { LOOP_HEADER, mailDomain } from "./mail/mail-identity.ts";
export { type MailRecipient } from "./mail/enqueue-mail.ts";
export { enqueueTicketMail, type TicketMailKind } from "./mail/enqueue-ticket-mail.ts";

// Audit log and links
export {
  ZListAuditEventsInput,
  ZPageAuditEventsInput,
  type TListAuditEventsInput,
  type TPageAuditEventsInput,
} from "./audit/audit-input.ts";
export { listAuditEvents } from "./audit/list-audit-events.ts";
export { pageAuditEvents } from "./audit/page-audit-events.ts";
export { publicUrl, type RequestAddress } from "./links/public-url.ts";
export { safeRedirectPath } from "./links/safe-redirect-path.ts";

// Email conversations: mail coming in by IMAP or inbound SMTP
export {
  UNKNOWN_SENDER_POLICIES,
  ZEmailSettingsInput,
  ZTestMailResultInput,
  type TEmailSettingsInput,
  type TTestMailResultInput,
  type TUnknownSenderPolicy,
} from "./inbound-mail/email-settings-input.ts";
export { getEmailSettings } from "./inbound-mail/get-email-settings.ts";
export { setEmailSettings } from "./inbound-mail/set-email-settings.ts";
export {
  ZInboundMailRef,
  ZListIgnoredMailInput,
  type TInboundMailRef,
  type TListIgnoredMailInput,
} from "./inbound-mail/inbound-mail-input.ts";
export { ingestMail, type IngestResult, type IngestVia } from "./inbound-mail/ingest-mail.ts";
export { RECEIPTS_PER_SENDER_PER_HOUR } from "./inbound-mail/take-receipt-slot.ts";
export { makeTicketFromIgnoredMail } from "./inbound-mail/make-ticket-from-ignored-mail.ts";
export { listIgnoredMail } from "./inbound-mail/list-ignored-mail.ts";
export { IGNORED_MAIL_DAYS, purgeIgnoredMail } from "./inbound-mail/purge-ignored-mail.ts";
export { getInboundMailRaw } from "./inbound-mail/get-inbound-mail-raw.ts";
export {
  getInboundMailStatus,
  type InboundChannelReport,
  type InboundChannelState,
  type InboundMailStatus,
} from "./inbound-mail/get-inbound-mail-status.ts";
export { sendTestMail, type TestMailRoute } from "./inbound-mail/send-test-mail.ts";
export { getTestMailResult, TEST_MAIL_WAIT_MS, type TestMailResult } from "./inbound-mail/get-test-mail-result.ts";
export {
  parseInboundMail,
  TEST_MAIL_HEADER,
  type InboundMailAddress,
  type InboundMailAttachment,
  type ParsedInboundMail,
  type ParseInboundMailOptions,
} from "./inbound-mail/parse-inbound-mail.ts";
export { InboundMailChannels } from "./inbound-mail/inbound-mail-channels.ts";
export { ImapChannel, FAILURE_HEADER } from "./inbound-mail/imap-channel.ts";
export { SmtpChannel } from "./inbound-mail/smtp-channel.ts";
export { type IngestRawMail } from "./inbound-mail/ingest-raw-mail.ts";
export { recordChannelStatus, type InboundChannel } from "./inbound-mail/record-channel-status.ts";

// General settings: the MSP's time zone
export { ZGeneralSettingsInput, ZTimeZone, type TGeneralSettingsInput } from "./settings/general-settings-input.ts";
export { getGeneralSettings } from "./settings/get-general-settings.ts";
export { setGeneralSettings } from "./settings/set-general-settings.ts";
export {
  ZLocale,
  ZOptionalLocale,
  ZSetContactLanguageInput,
  ZSetCustomerLanguageInput,
  type TSetContactLanguageInput,
  type TSetCustomerLanguageInput,
} from "./languages/language-input.ts";
export { contactOwnLanguage, type LanguageSource } from "./languages/contact-own-language.ts";
export { getContactLanguage } from "./languages/get-contact-language.ts";
export { getMspLanguage } from "./languages/get-msp-language.ts";
export { getProfileLanguage } from "./languages/get-profile-language.ts";
export { recordWindowsLanguage } from "./languages/record-windows-language.ts";
export { setContactLanguage } from "./languages/set-contact-language.ts";
export { setCustomerLanguage } from "./languages/set-customer-language.ts";
export { decideProfileLanguage } from "./languages/decide-profile-language.ts";
export { recordProfileLocales, type ReportedLocale } from "./languages/record-profile-locales.ts";
export { setProfileLanguage } from "./languages/set-profile-language.ts";
export { formatZonedDateTime, formatZonedDay, isTimeZone, serverTimeZone, zoneAbbreviation } from "./time/index.ts";

// SLAs: business-hours calendars, policies, due times
export { getTicketSla, type TicketSlaTargetState } from "./sla/get-ticket-sla.ts";
export {
  SLA_PRIORITIES,
  SLA_TARGETS,
  ZHoliday,
  ZPolicyTargets,
  ZSlaTargetsSnapshot,
  ZTargetDuration,
  ZWeeklyRange,
  type BusinessCalendar,
  type Holiday,
  type PolicyTargets,
  type SlaPriority,
  type SlaTarget,
  type SlaTargetsSnapshot,
  type TargetDuration,
  type WeeklyRange,
} from "./sla/sla-types.ts";
export {
  addBusinessMinutes,
  businessDayMinutes,
  businessMinutesBetween,
  hasOpenTime,
  isOpenAt,
  nextOpening,
} from "./sla/business-time.ts";
export {
  computeTicketSla,
  type SlaClock,
  type SlaTicketStatus,
  type TicketSlaInput,
} from "./sla/compute-ticket-sla.ts";
export { ticketSlaColumns, type SentSlaAlert, type TicketSlaColumns } from "./sla/ticket-sla-columns.ts";
export { recomputeCalendarTickets } from "./sla/recompute-calendar-tickets.ts";
export { recordTicketStatus } from "./sla/record-ticket-status.ts";
export { startTicketSla } from "./sla/start-ticket-sla.ts";
export { refreshTicketSla } from "./sla/refresh-ticket-sla.ts";
export { queueCalendarRecompute } from "./sla/queue-calendar-recompute.ts";
export { DEFAULT_SLA_POLICY_KEY } from "./sla/sla-calendar-row.ts";
export { sendSlaAlerts } from "./sla/send-sla-alerts.ts";
export { runSlaRecompute } from "./sla/run-sla-recompute.ts";
export { SlaScheduler } from "./sla/sla-scheduler.ts";

// SLA settings: calendars, policies, the default policy, a customer's own policy
export {
  ZSetCustomerSlaPolicyInput,
  ZSlaCalendarInput,
  ZSlaCalendarRef,
  ZSlaPolicyInput,
  ZSlaPolicyRef,
  ZUpdateSlaCalendarInput,
  ZUpdateSlaPolicyInput,
  type TSetCustomerSlaPolicyInput,
  type TSlaCalendarInput,
  type TSlaCalendarRef,
  type TSlaPolicyInput,
  type TSlaPolicyRef,
  type TUpdateSlaCalendarInput,
  type TUpdateSlaPolicyInput,
} from "./sla/sla-input.ts";
export { getDefaultSlaPolicyId } from "./sla/default-sla-policy.ts";
export { listSlaCalendars } from "./sla/list-sla-calendars.ts";
export { getSlaCalendar } from "./sla/get-sla-calendar.ts";
export { createSlaCalendar } from "./sla/create-sla-calendar.ts";
export { updateSlaCalendar } from "./sla/update-sla-calendar.ts";
export { deleteSlaCalendar } from "./sla/delete-sla-calendar.ts";
export { listSlaPolicies } from "./sla/list-sla-policies.ts";
export { createSlaPolicy } from "./sla/create-sla-policy.ts";
export { updateSlaPolicy } from "./sla/update-sla-policy.ts";
export { deleteSlaPolicy } from "./sla/delete-sla-policy.ts";
export { setDefaultSlaPolicy } from "./sla/set-default-sla-policy.ts";
export { setCustomerSlaPolicy } from "./sla/set-customer-sla-policy.ts";
export { getCustomerSlaPolicy } from "./sla/get-customer-sla-policy.ts";

// What end users read of the SLA: when the first reply is due, in their customer's zone
export { getCustomerTimeZone } from "./customers/get-customer-time-zone.ts";
export { expectedFirstReply, firstReplySentence, type FirstReplyDue } from "./tickets/expected-first-reply.ts";
export { ticketMailSubject } from "./tickets/ticket-mail.ts";

// REST API keys and webhooks
export { API_SCOPES, API_SCOPE_NAMES, ZApiScope, type ApiScope } from "./api-keys/api-scopes.ts";
export {
  API_KEY_REVOKED_CHANNEL,
  API_KEY_TOKEN_PATTERN,
  generateApiKeyToken,
  hashApiKeyToken,
} from "./api-keys/api-key-token.ts";
export {
  ZCreateApiKeyInput,
  ZRevokeApiKeyInput,
  type TCreateApiKeyInput,
  type TRevokeApiKeyInput,
} from "./api-keys/api-key-input.ts";
export { type ApiKeyRow } from "./api-keys/api-key-row.ts";
export { createApiKey } from "./api-keys/create-api-key.ts";
export { listApiKeys } from "./api-keys/list-api-keys.ts";
export { revokeApiKey } from "./api-keys/revoke-api-key.ts";
export {
  apiKeyUnauthorized,
  authenticateApiKey,
  isApiKeyExpired,
  type AuthenticatedApiKey,
} from "./api-keys/authenticate-api-key.ts";
export { recordApiKeyUse } from "./api-keys/record-api-key-use.ts";
export {
  claimIdempotencyKey,
  hashIdempotentRequest,
  type IdempotencyClaim,
} from "./idempotency/claim-idempotency-key.ts";
export { completeIdempotencyKey } from "./idempotency/complete-idempotency-key.ts";
export { releaseIdempotencyKey } from "./idempotency/release-idempotency-key.ts";
export { deleteExpiredIdempotencyRecords } from "./idempotency/delete-expired-idempotency-records.ts";
export {
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_EVENT_TYPE_NAMES,
  WEBHOOK_TEST_EVENT,
  ZWebhookEventType,
  type WebhookEventType,
} from "./webhooks/webhook-event-types.ts";

// Webhook delivery: the outbox, the signer, the sender and its loop
export { enqueueWebhookEvent } from "./webhooks/enqueue-webhook-event.ts";
export { enqueueWebhookEvents } from "./webhooks/enqueue-webhook-events.ts";
export { WEBHOOK_CHANNEL } from "./webhooks/webhook-channel.ts";
export { signWebhook } from "./webhooks/sign-webhook.ts";
export { sendWebhook, WEBHOOK_TIMEOUT_MS, type WebhookSendResult } from "./webhooks/send-webhook.ts";
export {
  deliverDueWebhooks,
  webhookRetryDelayMs,
  WEBHOOK_DISABLE_AFTER_MS,
  WEBHOOK_RETRY,
} from "./webhooks/deliver-due-webhooks.ts";
export { pruneWebhookLog, WEBHOOK_LOG_RETENTION_MS } from "./webhooks/prune-webhook-log.ts";
export { WebhookSender } from "./webhooks/webhook-sender.ts";
export {
  ZWebhookPayloadData,
  ZWebhookTestData,
  ZWebhookTicket,
  type TWebhookPayloadData,
  type TWebhookTicket,
} from "./webhooks/webhook-payloads.ts";
export {
  INVALID_DELIVERY_CURSOR,
  WEBHOOK_URL_MAX_LENGTH,
  ZCreateWebhookEndpointInput,
  ZListWebhookDeliveriesInput,
  ZUpdateWebhookEndpointInput,
  ZWebhookDeliveryRef,
  ZWebhookEndpointRef,
  type TCreateWebhookEndpointInput,
  type TListWebhookDeliveriesInput,
  type TUpdateWebhookEndpointInput,
  type TWebhookDeliveryRef,
  type TWebhookEndpointRef,
} from "./webhooks/webhook-endpoint-input.ts";
export { validateWebhookUrl } from "./webhooks/validate-webhook-url.ts";
export { type WebhookEndpoint, type WebhookEndpointState } from "./webhooks/webhook-endpoint-row.ts";
export { createWebhookEndpoint } from "./webhooks/create-webhook-endpoint.ts";
export { listWebhookEndpoints } from "./webhooks/list-webhook-endpoints.ts";
export { getWebhookEndpoint } from "./webhooks/get-webhook-endpoint.ts";
export { updateWebhookEndpoint } from "./webhooks/update-webhook-endpoint.ts";
export { deleteWebhookEndpoint } from "./webhooks/delete-webhook-endpoint.ts";
export { rotateWebhookSecret } from "./webhooks/rotate-webhook-secret.ts";
export { revealWebhookSecret } from "./webhooks/reveal-webhook-secret.ts";
export { listWebhookDeliveries, type WebhookDeliveryRow } from "./webhooks/list-webhook-deliveries.ts";
export { resendWebhookDelivery } from "./webhooks/resend-webhook-delivery.ts";
export { sendTestWebhookEvent } from "./webhooks/send-test-webhook-event.ts";
