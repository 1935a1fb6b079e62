export { SmtpSink } from "./smtp-sink.ts";
export { contactScene, PNG_BYTES, rawMail, type TestMail } from "./inbound-mail-scene.ts";
export {
  CORPUS,
  loadCorpusMail,
  type CorpusEntry,
  type CorpusExpectIngest,
  type CorpusScene,
  type CorpusValues,
} from "../inbound-mail/corpus/corpus.ts";
export { Dovecot } from "./dovecot.ts";
export { mailWithId, TestMailbox, until } from "./inbound-mail-fixtures.ts";
export { officeCalendar, STANDARD_TARGETS } from "./sla-fixtures.ts";
export { slaScene } from "./sla-scene.ts";
export { WebhookReceiver, type ReceivedWebhook } from "./webhook-receiver.ts";
