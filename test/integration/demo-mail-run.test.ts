/**
 * The demo as people run it, with mail: on a machine with dovecot its banner says mail is on and
 * what to ask, the question asked through the demo's own address is answered from the seeded
 * mailbox, and Ctrl+C stops the demo's dovecot with it (it runs in a process group of its own, so
 * nothing else would).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEW_MAIL_QUESTION } from '../fake-llm/demo-mail.js';
import { dovecotMissingReason, freePort } from '../support/dovecot.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const skip = dovecotMissingReason();

/** Resolves with everything printed once `marker` is printed; rejects if the demo exits first. */
function waitForOutput(child: ChildProcess, marker: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(marker)) resolve(out);
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the demo exited with ${code}: ${err}${out}`)));
  });
}

/** Whether something accepts connections on a loopback port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe.skipIf(skip !== undefined)(`the demo with mail, run as people run it${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let child: ChildProcess;
  let banner = '';
  let port = 0;
  const dataDir = mkdtempSync(join(tmpdir(), 'majordome-demo-'));

  beforeAll(async () => {
    port = await freePort();
    // No key: the demo model answers. Its own data directory, so a demo someone runs keeps its history.
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--port', String(port), '--data-dir', dataDir], {
      cwd: ROOT,
      env: { ...process.env, ANTHROPIC_API_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    banner = await waitForOutput(child, 'Press Ctrl+C to stop.');
  }, 120_000);
  afterAll(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says mail is on, with what to ask', () => {
    expect(banner).toMatch(/\n {2}Mail: {6}on: Alice's mailbox \(4 mails, 2 unread\) on a dovecot IMAP server at 127\.0\.0\.1:\d+\. Ask "Do I have any new mail\?"/);
    expect(banner).not.toContain('Mail:      off');
  });

  it('answers the mail question from the mailbox, through the demo address', async () => {
    // The address the banner's curl line gives (behind the demo's stand-in for HA's ingress).
    const chatUrl = /curl .* (http:\/\/\S+\/api\/chat)$/m.exec(banner)?.[1];
    expect(chatUrl).toContain(`:${port}/`);
    const res = await fetch(chatUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: NEW_MAIL_QUESTION }),
    });
    const events = (await res.text())
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => JSON.parse(line.slice(5)) as { type: string; text?: string });
    expect(events.at(-1)?.text).toMatch(/^You have 2 new mails\. The newest, from Parcelway: "Your parcel arrives tomorrow/);
  });

  it('stops its dovecot on Ctrl+C', async () => {
    const imapPort = Number(/dovecot IMAP server at 127\.0\.0\.1:(\d+)/.exec(banner)?.[1]);
    expect(await listening(imapPort)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(await listening(imapPort)).toBe(false);
  }, 30_000);
});
