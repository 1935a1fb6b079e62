import { resolveDatabaseConfig, type DatabaseConfig } from "@helpline/db";
import { z } from "zod";
import { withoutTrailingSlashes } from "../links/without-trailing-slashes.ts";
import { ZEmail } from "../technicians/technician-input.ts";

/**
 * Where mail goes: an SMTP relay (`SMTP_URL`), or the built-in catcher that keeps it for the Outbox.
 * `from` is the sender as written in the variable (`Name <address>` or a bare address); `replyTo` is
 * the bare address replies should reach (`HELPLINE_MAIL_REPLY_TO`, else the From address).
 */
export type MailConfig = ({ mode: "smtp"; url: string } | { mode: "catcher" }) & { from: string; replyTo: string };

/**
 * How mail comes in (both may be on). `imap`: the mailbox `IMAP_URL` names, with the folders
 * processed and failed messages are moved to, and `caPath`, a PEM file of CAs its TLS certificate
 * may chain to besides Node's built-in ones (`IMAP_TLS_CA`; undefined: only those). `smtp`: the inbound SMTP listener, with the
 * addresses it accepts mail for (lower-case), the largest message it takes in bytes, and an
 * optional certificate for STARTTLS (PEM file paths).
 */
export type InboundMailConfig = {
  imap: { url: string; processedFolder: string; failedFolder: string; caPath?: string } | null;
  smtp: {
    port: number;
    host: string;
    recipients: string[];
    tls: { certPath: string; keyPath: string } | null;
  } | null;
  maxBytes: number;
};

const DEFAULT_MAIL_FROM = "Helpline <helpdesk@helpline.local>";
// What `npm start` on embedded defaults listens on, so a newcomer can mail a ticket in at once.
const EMBEDDED_INBOUND_SMTP = { port: 2525, host: "127.0.0.1" };
const DEFAULT_INBOUND_MAX_BYTES = 25 * 1024 * 1024;

/** The bare address of a From value: `Helpline <help@x.com>` gives `help@x.com`. */
export function mailAddressOf(from: string): string {
  const bracketed = /<([^<>]+)>\s*$/.exec(from);
  return (bracketed ? bracketed[1]! : from).trim().toLowerCase();
}

// An unset variable and one set to "" (as .env.example leaves them) mean the same: the default.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());
const trimmed = z.string().trim();
const urlWithScheme = (schemes: string[], example: string) =>
  trimmed.refine(
    (value) => URL.canParse(value) && schemes.includes(new URL(value).protocol),
    `must be a ${schemes.map((scheme) => `${scheme}//`).join(" or ")} address such as ${example}`,
  );

/**
 * Every variable Helpline reads (the README's "Environment variables" table lists the same ones;
 * a test holds them together). Keys are the variables' names, so an issue's path names the variable.
 */
const ZEnvironment = z.object({
  PORT: optional(
    trimmed
      .regex(/^\d{1,5}$/, "must be a port number")
      .transform(Number)
      .pipe(
        z.number().min(1, "must be a port number from 1 to 65535").max(65535, "must be a port number from 1 to 65535"),
      ),
  ),
  HOST: optional(trimmed).default("0.0.0.0"),
  DATABASE_URL: optional(urlWithScheme(["postgresql:", "postgres:"], "postgresql://user:password@host:5432/helpline")),
  HELPLINE_DATA_DIR: optional(trimmed),
  // Links are built by appending paths to it, so it is kept without a trailing slash.
  HELPLINE_PUBLIC_URL: optional(
    urlWithScheme(["http:", "https:"], "https://help.example.com").transform(withoutTrailingSlashes),
  ),
  HELPLINE_ADMIN_EMAIL: optional(ZEmail),
  HELPLINE_ADMIN_PASSWORD: optional(z.string()),
  SMTP_URL: optional(urlWithScheme(["smtp:", "smtps:"], "smtp://user:pass@host:587")),
  HELPLINE_MAIL_FROM: optional(trimmed).default(DEFAULT_MAIL_FROM),
  HELPLINE_MAIL_REPLY_TO: optional(ZEmail),
  IMAP_URL: optional(urlWithScheme(["imap:", "imaps:"], "imaps://user:pass@mail.example.com/INBOX")),
  IMAP_PROCESSED_FOLDER: optional(trimmed.min(1)).default("Helpline/Processed"),
  IMAP_FAILED_FOLDER: optional(trimmed.min(1)).default("Helpline/Failed"),
  IMAP_TLS_CA: optional(trimmed),
  // "off" turns the embedded default off; a number turns the listener on at that port.
  INBOUND_SMTP_PORT: optional(
    trimmed
      .regex(/^(\d{1,5}|off)$/, 'must be a port number, or "off"')
      .transform((value) => (value === "off" ? ("off" as const) : Number(value)))
      .refine((value) => value === "off" || (value >= 1 && value <= 65535), "must be a port number from 1 to 65535"),
  ),
  INBOUND_SMTP_HOST: optional(trimmed),
  INBOUND_SMTP_RECIPIENTS: optional(
    trimmed.transform((value, context) => {
      const addresses = value
        .split(",")
        .map((address) => address.trim().toLowerCase())
        .filter(Boolean);
      for (const address of addresses)
        if (!z.email().safeParse(address).success) {
          context.addIssue({
            code: "custom",
            message: `must be email addresses separated by commas ("${address}" is not one)`,
          });
          return z.NEVER;
        }
      return addresses;
    }),
  ),
  INBOUND_SMTP_TLS_CERT: optional(trimmed),
  INBOUND_SMTP_TLS_KEY: optional(trimmed),
  INBOUND_MAIL_MAX_BYTES: optional(
    trimmed
      .regex(/^\d{1,10}$/, "must be a size in bytes")
      .transform(Number)
      .pipe(z.number().min(1024, "must be at least 1024 bytes")),
  ).default(DEFAULT_INBOUND_MAX_BYTES),
  // A typo must not silently trust (or distrust) a forwarded header, so only a small whole number passes.
  HELPLINE_TRUST_PROXY: optional(
    trimmed
      .regex(/^\d{1,2}$/, "must be the number of reverse proxies in front of Helpline (0, 1, 2 …)")
      .transform(Number),
  ).default(0),
  HELPLINE_AGENT_MSI: optional(trimmed),
  // Only "1" opens webhooks to http:// and to loopback, private, link-local and metadata addresses.
  HELPLINE_WEBHOOKS_ALLOW_PRIVATE: optional(trimmed.regex(/^[01]$/, 'must be "1" (allow) or "0"')).default("0"),
  HELPLINE_API_RATE_LIMIT: optional(
    trimmed
      .regex(/^\d{1,7}$/, "must be a number of requests per minute")
      .transform(Number)
      .pipe(z.number().min(1, "must be at least 1 request per minute")),
  ).default(600),
});

/** The names of the variables Helpline reads, in the README table's order. */
export const CONFIG_VARIABLES = Object.keys(ZEnvironment.shape) as (keyof typeof ZEnvironment.shape)[];

// Their values never appear in an error line (logs are read by more people than the server's owner).
const SECRET_VARIABLES = new Set(["DATABASE_URL", "HELPLINE_ADMIN_PASSWORD", "SMTP_URL", "IMAP_URL"]);

/** Helpline's configuration, read from the environment once (see `config()`). */
export type HelplineConfig = {
  /** `PORT`; undefined lets each entry point take its own default (3000 for `npm start`). */
  port: number | undefined;
  /** `HOST`: the interface to listen on. */
  host: string;
  /** `DATABASE_URL` / `HELPLINE_DATA_DIR`, resolved by packages/db (the owner of database access). */
  database: DatabaseConfig;
  /** `HELPLINE_PUBLIC_URL` without a trailing slash, or undefined; read it through `publicUrl()`. */
  publicUrl: string | undefined;
  /** True when the public address is https: cookies then carry `Secure`. */
  secureCookies: boolean;
  /** `HELPLINE_ADMIN_EMAIL` / `HELPLINE_ADMIN_PASSWORD`, for the first admin (ensureInitialAdmin holds the defaults). */
  admin: { email: string | undefined; password: string | undefined };
  /** `SMTP_URL`, `HELPLINE_MAIL_FROM` and `HELPLINE_MAIL_REPLY_TO`. */
  mail: MailConfig;
  /** `IMAP_*` and `INBOUND_*`: the ways mail comes in. */
  inbound: InboundMailConfig;
  /** `HELPLINE_TRUST_PROXY`: how many reverse proxies of yours stand in front (0: none). */
  trustProxyHops: number;
  /** `HELPLINE_AGENT_MSI`: the Windows installer the console serves; undefined: the one `npm run build:windows` wrote. */
  agentMsi: string | undefined;
  /** `HELPLINE_WEBHOOKS_ALLOW_PRIVATE=1`: webhooks may use http:// and reach private, loopback and link-local addresses. */
  webhooksAllowPrivate: boolean;
  /** `HELPLINE_API_RATE_LIMIT`: requests per minute one API key may make (per serving process). */
  apiRateLimitPerMinute: number;
};

/** A variable with a value Helpline cannot use. Its message is one line that names the variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses the environment into Helpline's configuration. Pure: `config()` calls it once with
 * `process.env`; tests call it with their own variables. Throws ConfigError for the first variable
 * whose value is not usable ("HELPLINE_TRUST_PROXY must be …, not "yes"").
 */
export function parseConfig(env: Record<string, string | undefined>): HelplineConfig {
  const parsed = ZEnvironment.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0]);
    const value = env[variable];
    const shown = SECRET_VARIABLES.has(variable) || value === undefined ? "" : `, not ${JSON.stringify(value)}`;
    throw new ConfigError(variable, `${variable} ${issue.message}${shown}.`);
  }
  const values = parsed.data;
  if (Boolean(values.INBOUND_SMTP_TLS_CERT) !== Boolean(values.INBOUND_SMTP_TLS_KEY)) {
    const missing = values.INBOUND_SMTP_TLS_CERT ? "INBOUND_SMTP_TLS_KEY" : "INBOUND_SMTP_TLS_CERT";
    throw new ConfigError(missing, `${missing} must be set too: STARTTLS needs both the certificate and its key.`);
  }
  const database = resolveDatabaseConfig({
    DATABASE_URL: values.DATABASE_URL,
    HELPLINE_DATA_DIR: values.HELPLINE_DATA_DIR,
  });
  const replyTo = values.HELPLINE_MAIL_REPLY_TO ?? mailAddressOf(values.HELPLINE_MAIL_FROM);
  return {
    port: values.PORT,
    host: values.HOST,
    database,
    publicUrl: values.HELPLINE_PUBLIC_URL,
    secureCookies: values.HELPLINE_PUBLIC_URL?.startsWith("https://") ?? false,
    admin: { email: values.HELPLINE_ADMIN_EMAIL, password: values.HELPLINE_ADMIN_PASSWORD },
    mail: values.SMTP_URL
      ? { mode: "smtp", url: values.SMTP_URL, from: values.HELPLINE_MAIL_FROM, replyTo }
      : { mode: "catcher", from: values.HELPLINE_MAIL_FROM, replyTo },
    inbound: {
      imap: values.IMAP_URL
        ? {
            url: values.IMAP_URL,
            processedFolder: values.IMAP_PROCESSED_FOLDER,
            failedFolder: values.IMAP_FAILED_FOLDER,
            caPath: values.IMAP_TLS_CA,
          }
        : null,
      smtp: inboundSmtp(values, database, replyTo),
      maxBytes: values.INBOUND_MAIL_MAX_BYTES,
    },
    trustProxyHops: values.HELPLINE_TRUST_PROXY,
    agentMsi: values.HELPLINE_AGENT_MSI,
    webhooksAllowPrivate: values.HELPLINE_WEBHOOKS_ALLOW_PRIVATE === "1",
    apiRateLimitPerMinute: values.HELPLINE_API_RATE_LIMIT,
  };
}

/**
 * The inbound SMTP listener: off unless `INBOUND_SMTP_PORT` is set, except on embedded defaults
 * (no `DATABASE_URL`), where it listens on 127.0.0.1:2525 unless the port is "off". It listens on
 * `INBOUND_SMTP_HOST`, else on the embedded database 127.0.0.1 (whatever the port: it takes mail
 * from anyone, so a trial install does not open it to the network unasked), else `HOST`; it accepts
 * mail for `INBOUND_SMTP_RECIPIENTS`, else the reply-to address.
 */
function inboundSmtp(
  values: z.infer<typeof ZEnvironment>,
  database: DatabaseConfig,
  replyTo: string,
): InboundMailConfig["smtp"] {
  const port = values.INBOUND_SMTP_PORT;
  if (port === "off") return null;
  const embedded = port === undefined && database.kind === "pglite";
  if (port === undefined && !embedded) return null;
  const tls =
    values.INBOUND_SMTP_TLS_CERT && values.INBOUND_SMTP_TLS_KEY
      ? { certPath: values.INBOUND_SMTP_TLS_CERT, keyPath: values.INBOUND_SMTP_TLS_KEY }
      : null;
  return {
    port: port ?? EMBEDDED_INBOUND_SMTP.port,
    host: values.INBOUND_SMTP_HOST ?? (database.kind === "pglite" ? EMBEDDED_INBOUND_SMTP.host : values.HOST),
    recipients: values.INBOUND_SMTP_RECIPIENTS ?? [replyTo],
    tls,
  };
}

// Kept on globalThis: Next.js and the server around it may load this module twice (ESM and CJS
// graphs), and one process has one configuration.
const CONFIG_KEY = Symbol.for("helpline.config");
type GlobalWithConfig = typeof globalThis & { [CONFIG_KEY]?: HelplineConfig };

/**
 * The process's configuration, parsed from `process.env` on first use and kept. Entry points call
 * `loadConfigOrExit()` first, so a bad value stops the start rather than a later request.
 */
export function config(): HelplineConfig {
  const store = globalThis as GlobalWithConfig;
  return (store[CONFIG_KEY] ??= parseConfig(process.env));
}

/**
 * For entry points (`npm start`, the gateway alone): the configuration, or, when a variable is not
 * usable, its one-line ConfigError on stderr and exit code 1 before anything starts.
 */
export function loadConfigOrExit(): HelplineConfig {
  try {
    return config();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Helpline cannot start: ${error.message}`);
    process.exit(1);
  }
}
