export { SmtpSink } from "./smtp-sink.ts";
export { contactScene, PNG_BYTES, rawMail, type TestMail } from "./inbound-mail-scene.ts";
export { Dovecot } from "./dovecot.ts";
export { TestMailbox, until } from "./inbound-mail-fixtures.ts";
