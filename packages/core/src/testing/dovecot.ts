import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const DOVECOT = "/usr/sbin/dovecot";
// Dovecot refuses mail access for UID 0 (mail-storage-service), so a root test run stores the
// mailbox as "nobody", the way a distribution's own service stores it as "vmail".
const NOBODY = 65534;
// Dovecot 2.3.19's built-in post-login capability list (its imap binary's CAPABILITY), less IDLE:
// what `idle: false` announces.
const CAPABILITY_WITHOUT_IDLE =
  "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS " +
  "THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED " +
  "I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE " +
  "SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE";

/**
 * How a test Dovecot serves: `tls` adds SSL (a throw-away self-signed certificate for 127.0.0.1 and
 * localhost, STARTTLS on the plain port, implicit TLS on a second port); `idle: false` leaves IDLE
 * out of the capabilities it announces, as some servers and proxies do.
 */
export type DovecotOptions = { tls?: boolean; idle?: boolean };

/** A free TCP port on 127.0.0.1, as the kernel hands it out. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts a TCP connection on 127.0.0.1:`port` now. */
function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Resolves once `port` is `wanted` (listening, or closed), or throws after `timeoutMs`; a start
 * that never listens throws with the tail of Dovecot's log at `log`.
 */
async function waitForPortState(
  port: number,
  wanted: "listening" | "closed",
  timeoutMs: number,
  log?: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await isListening(port)) === (wanted === "listening")) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (wanted === "closed")
    throw new Error(`Something still listens on 127.0.0.1:${port} ${timeoutMs} ms after Dovecot was killed`);
  const tail = log && fs.existsSync(log) ? fs.readFileSync(log, "utf8").slice(-2000) : "(no log)";
  throw new Error(`Dovecot did not listen on 127.0.0.1:${port} within ${timeoutMs} ms:\n${tail}`);
}

/** The processes under `pid`, from /proc (Linux). */
function descendants(pid: number): number[] {
  let children: number[];
  try {
    children = fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    // It exited while the tree was being read: it has no children left to kill.
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/**
 * A real Dovecot IMAP server for tests (Debian's `dovecot-imapd`), with its own configuration in a
 * temp dir: one passwd-file user, maildir storage in the temp dir, plain IMAP on a free port of
 * 127.0.0.1 (no SSL unless `options.tls`, see DovecotOptions), logging to `<dir>/dovecot.log`.
 * Maildir's hierarchy delimiter is ".", so folder names such as "Helpline/Processed" exercise
 * delimiter handling. `restart()` stops and starts it on the same port with the same mail (a server
 * restart); `stop()` ends it by its pid.
 */
export class Dovecot {
  readonly user = "helpline";
  readonly password = "dovecot test password";
  private dir = "";
  private port = 0;
  private tlsPort = 0;
  private child: ChildProcess | null = null;

  constructor(private readonly options: DovecotOptions = {}) {}

  get logFile(): string {
    return path.join(this.dir, "dovecot.log");
  }

  /** The imap:// address of INBOX, credentials included, for IMAP_URL. */
  get url(): string {
    return `imap://${encodeURIComponent(this.user)}:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/INBOX`;
  }

  /** The imaps:// address of INBOX (implicit TLS), credentials included; only with `tls`. */
  get tlsUrl(): string {
    if (!this.tlsPort) throw new Error("This Dovecot was not started with tls");
    return `imaps://${encodeURIComponent(this.user)}:${encodeURIComponent(this.password)}@127.0.0.1:${this.tlsPort}/INBOX`;
  }

  /** The PEM file of the server's self-signed certificate (its own CA), or null without `tls`. */
  get caFile(): string | null {
    return this.options.tls && this.dir ? path.join(this.dir, "cert.pem") : null;
  }

  async start(): Promise<{ url: string; user: string; password: string; port: number }> {
    if (!this.dir) await this.configure();
    await this.launch();
    return { url: this.url, user: this.user, password: this.password, port: this.port };
  }

  /** Kills the server (SIGKILL: no goodbye to clients, as a crash) and starts it again on the same port. */
  async restart(options: { downMs?: number } = {}): Promise<void> {
    await this.halt("SIGKILL");
    if (options.downMs) await new Promise((resolve) => setTimeout(resolve, options.downMs));
    await this.launch();
  }

  /** Stops the server and removes its temp dir. */
  async stop(): Promise<void> {
    await this.halt("SIGTERM");
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = "";
  }

  private async configure(): Promise<void> {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-dovecot-"));
    this.port = await freePort();
    if (this.options.tls) this.tlsPort = await freePort();
    const root = process.getuid?.() === 0;
    const uid = root ? NOBODY : process.getuid!();
    const gid = root ? NOBODY : process.getgid!();
    const userName = os.userInfo().username;
    for (const sub of ["run", "state", "mail"]) fs.mkdirSync(path.join(this.dir, sub));
    // mkdtemp makes the dir 0700; Dovecot's auth and mail processes run as other users and need in.
    fs.chmodSync(this.dir, 0o755);
    if (root) fs.chownSync(path.join(this.dir, "mail"), uid, gid);
    fs.writeFileSync(path.join(this.dir, "passwd"), `${this.user}:{PLAIN}${this.password}::::::\n`);
    const asUser = root
      ? ""
      : `default_login_user = ${userName}\ndefault_internal_user = ${userName}\ndefault_internal_group = ${os.userInfo().username}\n`;
    const ssl = this.options.tls ? this.makeCertificate() : "ssl = no\n";
    const capability = this.options.idle === false ? `imap_capability = ${CAPABILITY_WITHOUT_IDLE}\n` : "";
    fs.writeFileSync(
      path.join(this.dir, "dovecot.conf"),
      `base_dir = ${this.dir}/run
state_dir = ${this.dir}/state
log_path = ${this.logFile}
protocols = imap
listen = 127.0.0.1
${ssl}${capability}disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${this.dir}/mail/%u
first_valid_uid = 1
mail_uid = ${uid}
mail_gid = ${gid}
${asUser}passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${this.dir}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${this.dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${this.port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${this.tlsPort}
  }
}
service anvil {
  chroot =
}
`,
    );
  }

  /** A self-signed certificate and key in the temp dir (openssl), and the settings that serve them. */
  private makeCertificate(): string {
    const cert = path.join(this.dir, "cert.pem");
    const key = path.join(this.dir, "key.pem");
    const subject = ["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"];
    const files = ["-keyout", key, "-out", cert];
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", ...subject, ...files], {
      stdio: "ignore",
    });
    return `ssl = yes\nssl_cert = <${cert}\nssl_key = <${key}\n`;
  }

  private async launch(): Promise<void> {
    // A process group of its own (detached), so a crash can take the master and every child at once.
    const child = spawn(DOVECOT, ["-F", "-c", path.join(this.dir, "dovecot.conf")], {
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
    });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    this.child = child;
    try {
      await waitForPortState(this.port, "listening", 15_000, this.logFile);
      if (this.tlsPort) await waitForPortState(this.tlsPort, "listening", 15_000, this.logFile);
    } catch (error) {
      await this.halt("SIGKILL");
      throw new Error(`${(error as Error).message}\n${stderr}`, { cause: error });
    }
  }

  private async halt(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    // SIGKILL leaves the master's children (imap, imap-login, auth) serving their open connections
    // until they notice the master is gone; a crash takes them too, so they are killed with it: the
    // whole process group in one signal (a child forked while /proc was being read is in it too),
    // and whatever left the group.
    const family = signal === "SIGKILL" ? descendants(child.pid!) : [];
    const exited = new Promise((resolve) => child.once("exit", resolve));
    if (signal === "SIGKILL") process.kill(-child.pid!, "SIGKILL");
    else child.kill(signal);
    for (const pid of family) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // It exited meanwhile.
      }
    }
    await exited;
    // An imap-login that outlived the master would keep the listening socket, and the next start
    // could not bind it while its clients hung on a login no one answers.
    if (signal === "SIGKILL")
      for (const port of [this.port, this.tlsPort].filter(Boolean)) await waitForPortState(port, "closed", 10_000);
  }
}
