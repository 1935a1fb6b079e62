export { SmtpSink } from "./smtp-sink.ts";
export { contactScene, PNG_BYTES, rawMail, type TestMail } from "./inbound-mail-scene.ts";
export { Dovecot } from "./dovecot.ts";
export { TestMailbox, until } from "./inbound-mail-fixtures.ts";
export {
  CORPUS,
  loadCorpusMail,
  type CorpusEntry,
  type CorpusExpectIngest,
  type CorpusScene,
  type CorpusValues,
} from "../inbound-mail/corpus/corpus.ts";
