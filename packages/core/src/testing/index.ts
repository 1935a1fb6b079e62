export { SmtpSink } from "./smtp-sink.ts";
