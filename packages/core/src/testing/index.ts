export { SmtpSink } from "./smtp-sink.ts";
export { contactScene, PNG_BYTES, rawMail, type TestMail } from "./inbound-mail-scene.ts";
