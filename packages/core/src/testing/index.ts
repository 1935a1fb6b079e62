export { SmtpSink } from "./smtp-sink.ts";
export { Dovecot } from "./dovecot.ts";
export { rawMail, TestMailbox, until } from "./inbound-mail-fixtures.ts";
