export { SmtpSink } from "./smtp-sink.ts";
export {
  CORPUS,
  loadCorpusMail,
  type CorpusEntry,
  type CorpusExpectIngest,
  type CorpusScene,
  type CorpusValues,
} from "../inbound-mail/corpus/corpus.ts";
