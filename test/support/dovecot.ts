/**
 * A real dovecot IMAP server on loopback for tests: its own temp dir, dovecot.conf, passwd-file
 * and maildir, run in the foreground as a child process. Works as an unprivileged user; as root
 * the mail processes run as `nobody` and the internal processes as dovecot's system users.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer, connect, type Server } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { makeSelfSignedCertificate } from './self-signed.js';

const DOVECOT_CANDIDATES = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'];

/** Options of startDovecot. */
export interface DovecotOptions {
  user?: string;
  password?: string;
  /**
   * Also listen with implicit TLS (self-signed certificate made by openssl) on `tlsPort`; the
   * plain port then offers STARTTLS with the same certificate.
   */
  tls?: boolean;
  /** Name of the folder with SPECIAL-USE \Sent (default "Sent Messages", to prove it is looked up). */
  sentFolder?: string;
  /** Plain extra folders created for the user. */
  folders?: string[];
}

/** A mail to put in a folder before (or during) a test. */
export interface SeedMail {
  /** The raw RFC 5322 message. */
  raw: string | Buffer;
  folder?: string;
  /** IMAP flags such as `\\Seen`, `\\Flagged`. */
  flags?: string[];
  date?: Date;
}

/** A running dovecot; `stop()` kills it and removes its directory. */
export interface Dovecot {
  host: string;
  port: number;
  /** Implicit-TLS port, when started with `tls: true`. */
  tlsPort?: number;
  /** SHA-256 fingerprint of the self-signed certificate (`AB:CD:…`), when started with `tls: true`. */
  tlsFingerprint?: string;
  user: string;
  password: string;
  /** Names of the special-use folders as configured. */
  sentFolder: string;
  dir: string;
  /** Appends mails over IMAP and returns their UIDs (in order). */
  seed(mails: SeedMail[]): Promise<number[]>;
  /** Logins tried so far (successful or not), as dovecot's log records them. */
  loginAttempts(): number;
  /** A connected client for assertions; the caller logs it out. */
  client(): Promise<ImapFlow>;
  /**
   * Stops the server (connections drop), keeping its mail. Its ports stay taken meanwhile (new
   * connections are reset), so no other test's server can answer in its place.
   */
  halt(): Promise<void>;
  /** Starts it again on the same ports with the same mail. */
  resume(): Promise<void>;
  /** Freezes every dovecot process (SIGSTOP): connections stay open and nothing answers. */
  freeze(): void;
  /** Lets a frozen server run again (SIGCONT). */
  thaw(): void;
  stop(): Promise<void>;
}

/** Why dovecot tests cannot run here, or undefined when they can. */
export function dovecotMissingReason(): string | undefined {
  const binary = findDovecot();
  if (!binary) return 'dovecot is not installed (apt-get install dovecot-imapd; scripts/test.sh does it as root)';
  const version = dovecotVersion(binary);
  if (!version.startsWith('2.3.')) return `dovecot ${version} is installed; this helper writes a dovecot 2.3 configuration`;
  return undefined;
}

/** Why the TLS variant cannot run here (no openssl), or undefined. */
export function opensslMissingReason(): string | undefined {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'openssl is not installed, so no self-signed certificate can be made';
  }
}

/** The dovecot binary, when one is installed. */
export function findDovecot(): string | undefined {
  return DOVECOT_CANDIDATES.find((path) => existsSync(path));
}

function dovecotVersion(binary: string): string {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** A free loopback port (closed again before dovecot binds it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Identity {
  uid: number;
  gid: number;
  internalUser: string;
  loginUser: string;
  /** Only without root: dovecot's default group (`dovecot`) cannot own our sockets then. */
  internalGroup?: string;
}

function passwdHas(name: string): boolean {
  return readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .some((line) => line.startsWith(`${name}:`));
}

function groupName(gid: number): string | undefined {
  const line = readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((entry) => entry.split(':')[2] === String(gid));
  return line?.split(':')[0];
}

/** Who the processes run as: ourselves, or (as root) nobody and dovecot's own users. */
function chooseIdentity(): Identity {
  const me = userInfo();
  if (me.uid !== 0) {
    const internalGroup = groupName(me.gid);
    return { uid: me.uid, gid: me.gid, internalUser: me.username, loginUser: me.username, ...(internalGroup !== undefined && { internalGroup }) };
  }
  const internalUser = passwdHas('dovecot') ? 'dovecot' : 'nobody';
  const loginUser = passwdHas('dovenull') ? 'dovenull' : 'nobody';
  return { uid: 65534, gid: 65534, internalUser, loginUser };
}

interface ConfInput {
  dir: string;
  port: number;
  tlsPort: number | undefined;
  tlsFiles: { cert: string; key: string } | undefined;
  identity: Identity;
  sentFolder: string;
  folders: string[];
}

function mailbox(name: string, specialUse?: string): string {
  const use = specialUse ? `    special_use = ${specialUse}\n` : '';
  return `  mailbox "${name}" {\n${use}    auto = subscribe\n  }\n`;
}

function buildConf(c: ConfInput): string {
  const tls = c.tlsFiles
    ? `ssl = yes\nssl_cert = <${c.tlsFiles.cert}\nssl_key = <${c.tlsFiles.key}\n`
    : 'ssl = no\n';
  const imaps = c.tlsPort !== undefined ? `  inet_listener imaps {\n    address = 127.0.0.1\n    port = ${c.tlsPort}\n    ssl = yes\n  }\n` : '  inet_listener imaps {\n    port = 0\n  }\n';
  return `# Written by test/support/dovecot.ts for one test run.
protocols = imap
listen = 127.0.0.1
base_dir = ${c.dir}/run
state_dir = ${c.dir}/state
log_path = ${c.dir}/dovecot.log
default_internal_user = ${c.identity.internalUser}
default_login_user = ${c.identity.loginUser}
${c.identity.internalGroup !== undefined ? `default_internal_group = ${c.identity.internalGroup}\n` : ''}first_valid_uid = ${Math.min(c.identity.uid, 500) || 1}
first_valid_gid = ${Math.min(c.identity.gid, 500) || 1}
${tls}disable_plaintext_auth = no
auth_mechanisms = plain login
# Tests try wrong passwords on purpose: no deliberate delay after a failure.
auth_failure_delay = 0
mail_location = maildir:~/Maildir
mail_plugins =
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${c.dir}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${c.dir}/users
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${c.port}
  }
${imaps}}
service anvil {
  chroot =
  # No growing delay for an address after failed logins (tests fail logins on purpose).
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
namespace inbox {
  inbox = yes
  separator = /
${mailbox('Drafts', '\\Drafts')}${mailbox(c.sentFolder, '\\Sent')}${mailbox('Trash', '\\Trash')}${mailbox('Junk', '\\Junk')}${mailbox('Archive', '\\Archive')}${c.folders.map((f) => mailbox(f)).join('')}}
`;
}

async function waitForGreeting(port: number, child: ChildProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}: ${readLog(logPath)}`);
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.setTimeout(1000);
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('* OK'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (greeted) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not greet on port ${port}: ${readLog(logPath)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function readLog(path: string, lines = 15): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Dovecot's master forks login, auth and imap processes: signal the whole process group.
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
  // The master exits before its login and imap processes: wait until the whole group is gone, so
  // a test never talks to a session that outlived a "stopped" server.
  const deadline = Date.now() + 5000;
  while (groupAlive(child.pid)) {
    if (Date.now() > deadline) {
      process.kill(-child.pid, 'SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Keeps a port taken while dovecot is halted: every connection is reset at once. */
async function holdPort(port: number): Promise<Server> {
  const server = createServer((socket) => socket.resetAndDestroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

/** Starts dovecot with one user and a maildir in a fresh temp dir. */
export async function startDovecot(opts: DovecotOptions = {}): Promise<Dovecot> {
  const binary = findDovecot();
  if (!binary) throw new Error(dovecotMissingReason());
  const user = opts.user ?? 'bob.tester';
  // A fresh password per server: a client of this server can never log in to another one.
  const password = opts.password ?? `imap-${randomBytes(9).toString('base64url')}`;
  const sentFolder = opts.sentFolder ?? 'Sent Messages';
  const identity = chooseIdentity();
  const dir = mkdtempSync(join(tmpdir(), 'majordome-dovecot-'));
  // Mail processes run as the mail user: they must reach the maildir through this directory.
  chmodSync(dir, 0o755);
  const home = join(dir, 'home', user);
  mkdirSync(home, { recursive: true });
  if (userInfo().uid === 0) chownSync(home, identity.uid, identity.gid);
  writeFileSync(join(dir, 'users'), `${user}:{PLAIN}${password}:${identity.uid}:${identity.gid}::${home}::\n`, { mode: 0o644 });
  const port = await freePort();
  const tlsPort = opts.tls ? await freePort() : undefined;
  const tlsFiles = opts.tls ? makeSelfSignedCertificate(dir) : undefined;
  const conf = join(dir, 'dovecot.conf');
  writeFileSync(conf, buildConf({ dir, port, tlsPort, tlsFiles, identity, sentFolder, folders: opts.folders ?? [] }));
  const logPath = join(dir, 'dovecot.log');

  let child: ChildProcess | undefined;
  let placeholders: Server[] = [];
  const launch = async (): Promise<void> => {
    await Promise.all(placeholders.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    placeholders = [];
    const started = spawn(binary, ['-F', '-c', conf], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    started.stderr?.on('data', (chunk: Buffer) => writeFileSync(logPath, chunk, { flag: 'a' }));
    child = started;
    await waitForGreeting(port, started, logPath);
  };
  try {
    await launch();
  } catch (err) {
    if (child) await killGroup(child);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  const client = async (): Promise<ImapFlow> => {
    const imap = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user, pass: password }, logger: false });
    await imap.connect();
    return imap;
  };

  return {
    host: '127.0.0.1',
    port,
    ...(tlsPort !== undefined && { tlsPort }),
    ...(tlsFiles && { tlsFingerprint: tlsFiles.fingerprint }),
    user,
    password,
    sentFolder,
    dir,
    async seed(mails) {
      const imap = await client();
      const uids: number[] = [];
      try {
        for (const mail of mails) {
          const appended = await imap.append(mail.folder ?? 'INBOX', mail.raw, mail.flags ?? [], mail.date);
          if (!appended || appended.uid === undefined) throw new Error('dovecot did not return an APPENDUID');
          uids.push(appended.uid);
        }
      } finally {
        await imap.logout();
      }
      return uids;
    },
    loginAttempts() {
      // "Login: user=<…>" on success, "(auth failed, 1 attempts …)" on a wrong password.
      return readLog(logPath, Infinity)
        .split('\n')
        .filter((line) => /imap-login: .*(Login: user=|\(auth failed)/.test(line)).length;
    },
    client,
    async halt() {
      if (child) await killGroup(child);
      placeholders = await Promise.all([port, ...(tlsPort !== undefined ? [tlsPort] : [])].map(holdPort));
    },
    async resume() {
      await launch();
    },
    freeze() {
      if (child?.pid !== undefined) process.kill(-child.pid, 'SIGSTOP');
    },
    thaw() {
      if (child?.pid !== undefined) process.kill(-child.pid, 'SIGCONT');
    },
    async stop() {
      if (child?.pid !== undefined && groupAlive(child.pid)) process.kill(-child.pid, 'SIGCONT');
      if (child) await killGroup(child);
      for (const server of placeholders) server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
