import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const DOVECOT = "/usr/sbin/dovecot";
// Dovecot refuses mail access for UID 0 (mail-storage-service), so a root test run stores the
// mailbox as "nobody", the way a distribution's own service stores it as "vmail".
const NOBODY = 65534;

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

/** Resolves once something accepts TCP connections on `port`, or throws after `timeoutMs`. */
async function waitForPort(port: number, timeoutMs: number, log: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const tail = fs.existsSync(log) ? fs.readFileSync(log, "utf8").slice(-2000) : "(no log)";
  throw new Error(`Dovecot did not listen on 127.0.0.1:${port} within ${timeoutMs} ms:\n${tail}`);
}

/** The processes under `pid`, from /proc (Linux). */
function descendants(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  const children = fs.existsSync(file)
    ? fs.readFileSync(file, "utf8").trim().split(/\s+/).filter(Boolean).map(Number)
    : [];
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/**
 * A real Dovecot IMAP server for tests (Debian's `dovecot-imapd`), with its own configuration in a
 * temp dir: one passwd-file user, maildir storage in the temp dir, plain IMAP on a free port of
 * 127.0.0.1 (no SSL), logging to `<dir>/dovecot.log`. Maildir's hierarchy delimiter is ".", so
 * folder names such as "Helpline/Processed" exercise delimiter handling. `restart()` stops and
 * starts it on the same port with the same mail (a server restart); `stop()` ends it by its pid.
 */
export class Dovecot {
  readonly user = "helpline";
  readonly password = "dovecot test password";
  private dir = "";
  private port = 0;
  private child: ChildProcess | null = null;

  get logFile(): string {
    return path.join(this.dir, "dovecot.log");
  }

  /** The imap:// address of INBOX, credentials included, for IMAP_URL. */
  get url(): string {
    return `imap://${encodeURIComponent(this.user)}:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/INBOX`;
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
    fs.writeFileSync(
      path.join(this.dir, "dovecot.conf"),
      `base_dir = ${this.dir}/run
state_dir = ${this.dir}/state
log_path = ${this.logFile}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
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
    port = 0
  }
}
service anvil {
  chroot =
}
`,
    );
  }

  private async launch(): Promise<void> {
    const child = spawn(DOVECOT, ["-F", "-c", path.join(this.dir, "dovecot.conf")], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    this.child = child;
    try {
      await waitForPort(this.port, 15_000, this.logFile);
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
    // until they notice the master is gone; a crash takes them too, so they are killed with it.
    const family = signal === "SIGKILL" ? descendants(child.pid!) : [];
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    for (const pid of family) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // It exited meanwhile.
      }
    }
    await exited;
  }
}
