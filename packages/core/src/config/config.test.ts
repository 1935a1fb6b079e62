import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.ts";

const trustedProxyHops = (value: string | undefined) => parseConfig({ HELPLINE_TRUST_PROXY: value }).trustProxyHops;

describe("parseConfig", () => {
  it("gives the defaults for an empty environment", () => {
    expect(parseConfig({})).toEqual({
      port: undefined,
      host: "0.0.0.0",
      database: { kind: "pglite", dataDir: path.resolve(".helpline", "pglite") },
      publicUrl: undefined,
      secureCookies: false,
      admin: { email: undefined, password: undefined },
      mail: { mode: "catcher", from: "Helpline <helpdesk@helpline.local>", replyTo: "helpdesk@helpline.local" },
      inbound: {
        imap: null,
        smtp: { port: 2525, host: "127.0.0.1", recipients: ["helpdesk@helpline.local"], tls: null },
        maxBytes: 25 * 1024 * 1024,
      },
      trustProxyHops: 0,
      agentMsi: undefined,
      webhooksAllowPrivate: false,
      apiRateLimitPerMinute: 600,
    });
  });

  it("reads every variable, empty meaning unset", () => {
    const config = parseConfig({
      PORT: "3100",
      DATABASE_URL: "postgresql://db/helpline",
      HELPLINE_PUBLIC_URL: " https://help.example.com// ",
      HELPLINE_ADMIN_EMAIL: " Admin@Example.com ",
      HELPLINE_ADMIN_PASSWORD: "",
      SMTP_URL: "smtp://user:pass@mail.example.com:587",
      HELPLINE_MAIL_FROM: "Desk <desk@example.com>",
      HELPLINE_AGENT_MSI: " /srv/helpline/helpline-agent.msi ",
    });
    expect(config).toMatchObject({
      port: 3100,
      database: { kind: "postgresql", url: "postgresql://db/helpline" },
      publicUrl: "https://help.example.com",
      secureCookies: true,
      admin: { email: "admin@example.com", password: undefined },
      mail: { mode: "smtp", url: "smtp://user:pass@mail.example.com:587", from: "Desk <desk@example.com>" },
      agentMsi: "/srv/helpline/helpline-agent.msi",
    });
  });

  it("reads how mail comes in: IMAP when set, inbound SMTP off on PostgreSQL unless a port is set", () => {
    const postgres = { DATABASE_URL: "postgresql://db/helpline" };
    expect(parseConfig(postgres).inbound).toEqual({ imap: null, smtp: null, maxBytes: 25 * 1024 * 1024 });
    expect(parseConfig({ INBOUND_SMTP_PORT: "off" }).inbound.smtp).toBeNull();
    // Another port on the embedded database still listens on loopback only: the listener takes
    // mail from anyone, and a trial install should not open it to the network unasked.
    expect(parseConfig({ INBOUND_SMTP_PORT: "2625" }).inbound.smtp).toMatchObject({ port: 2625, host: "127.0.0.1" });
    expect(parseConfig({ INBOUND_SMTP_PORT: "2625", INBOUND_SMTP_HOST: "0.0.0.0" }).inbound.smtp?.host).toBe("0.0.0.0");
    const config = parseConfig({
      ...postgres,
      HOST: "10.0.0.5",
      HELPLINE_MAIL_FROM: "Desk <Desk@Example.com>",
      HELPLINE_MAIL_REPLY_TO: " Support@Example.com ",
      IMAP_URL: "imaps://desk:secret@mail.example.com/INBOX",
      IMAP_TLS_CA: " /etc/helpline/internal-ca.pem ",
      INBOUND_SMTP_PORT: "25",
      INBOUND_SMTP_RECIPIENTS: "support@example.com, Help@Example.com",
      INBOUND_SMTP_TLS_CERT: "/etc/helpline/cert.pem",
      INBOUND_SMTP_TLS_KEY: "/etc/helpline/key.pem",
      INBOUND_MAIL_MAX_BYTES: "1048576",
    });
    expect(config.mail.replyTo).toBe("support@example.com");
    expect(config.inbound).toEqual({
      imap: {
        url: "imaps://desk:secret@mail.example.com/INBOX",
        processedFolder: "Helpline/Processed",
        failedFolder: "Helpline/Failed",
        caPath: "/etc/helpline/internal-ca.pem",
      },
      smtp: {
        port: 25,
        host: "10.0.0.5",
        recipients: ["support@example.com", "help@example.com"],
        tls: { certPath: "/etc/helpline/cert.pem", keyPath: "/etc/helpline/key.pem" },
      },
      maxBytes: 1048576,
    });
    expect(parseConfig({ HELPLINE_MAIL_FROM: "Desk <Desk@Example.com>" }).mail.replyTo).toBe("desk@example.com");
    expect(() => parseConfig({ INBOUND_SMTP_TLS_CERT: "/etc/cert.pem" })).toThrow(/INBOUND_SMTP_TLS_KEY/);
    expect(() => parseConfig({ INBOUND_SMTP_RECIPIENTS: "support@example.com, nobody" })).toThrow(
      /INBOUND_SMTP_RECIPIENTS .*"nobody"/,
    );
    expect(() => parseConfig({ IMAP_URL: "https://mail.example.com" })).toThrow(/IMAP_URL must be a imap/);
  });

  it("reads a number of proxies, empty meaning none", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("")).toBe(0);
    expect(trustedProxyHops("0")).toBe(0);
    expect(trustedProxyHops("1")).toBe(1);
    expect(trustedProxyHops(" 2 ")).toBe(2);
  });

  it("refuses anything else rather than guessing", () => {
    for (const value of ["true", "yes", "-1", "1.5", "loopback", "100"])
      expect(() => trustedProxyHops(value), value).toThrow(/HELPLINE_TRUST_PROXY/);
  });

  it("refuses a bad value with one line that names the variable, and never shows a secret", () => {
    const refusal = (env: Record<string, string>) => {
      try {
        parseConfig(env);
      } catch (error) {
        if (error instanceof ConfigError) return { variable: error.variable, message: error.message };
      }
      throw new Error(`accepted ${JSON.stringify(env)}`);
    };
    expect(refusal({ PORT: "eighty" })).toEqual({
      variable: "PORT",
      message: 'PORT must be a port number, not "eighty".',
    });
    expect(refusal({ HELPLINE_PUBLIC_URL: "help.example.com" }).message).toBe(
      'HELPLINE_PUBLIC_URL must be a http:// or https:// address such as https://help.example.com, not "help.example.com".',
    );
    expect(refusal({ HELPLINE_ADMIN_EMAIL: "admin" }).variable).toBe("HELPLINE_ADMIN_EMAIL");
    const smtp = refusal({ SMTP_URL: "mail.example.com:587?password=hunter2" });
    expect(smtp.message).toMatch(/^SMTP_URL must be a smtp:\/\/ or smtps:\/\/ address/);
    expect(smtp.message).not.toContain("hunter2");
    expect(refusal({ DATABASE_URL: "mysql://db" }).message).not.toContain("mysql");
    for (const { message } of [smtp, refusal({ PORT: "0" })]) expect(message).not.toContain("\n");
  });
});
