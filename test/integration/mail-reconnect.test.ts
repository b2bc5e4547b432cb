import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewMailEvent } from '../../src/mail/new-mail-watcher.js';
import { startDovecot, type Dovecot } from '../support/dovecot.js';
import { loadMailFixture } from '../support/mail-fixtures.js';
import { accountFor, captureLog, dovecotMissingReason, mailKit, type MailKit } from './mail-harness.js';

const skip = dovecotMissingReason();

/** Waits until `check` holds (a deadline only guards against a hang; it is not what is tested). */
async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(skip !== undefined)('mail after dovecot restarts', () => {
  let dovecot: Dovecot;
  let kit: MailKit;
  const events: NewMailEvent[] = [];
  let unsubscribe: () => void;

  beforeAll(async () => {
    dovecot = await startDovecot();
    await dovecot.seed([{ raw: loadMailFixture('multipart-alternative') }]);
    kit = mailKit([accountFor(dovecot)], captureLog().logger, { retry: { minMs: 50, maxMs: 400 } });
    unsubscribe = kit.mail.onNewMail((event) => events.push(event));
  });
  afterAll(async () => {
    unsubscribe?.();
    await kit?.mail.stop();
    await dovecot?.stop();
  });

  it('reports new mail in the INBOX through IDLE', async () => {
    await eventually(() => kit.mail.watching()[0]?.idle === true, 'the IDLE connection');
    const [uid] = await dovecot.seed([{ raw: loadMailFixture('html-only') }]);
    await eventually(() => events.some((e) => e.uids.includes(uid ?? -1)), 'the new-mail event');
    expect(events[0]).toEqual({ account: 'home', folder: 'INBOX', uids: [uid] });
  });

  it('searches again without an error once the server is back (the dead pooled connection is replaced)', async () => {
    expect(await kit.call('mail_search', {})).toMatchObject({ ok: true, output: { total: 2 } });
    await dovecot.halt();
    await dovecot.resume();
    expect(await kit.call('mail_search', {})).toMatchObject({ ok: true, output: { total: 2 } });
  });

  it('says the connection failed while the server is down, and works again after', async () => {
    await dovecot.halt();
    try {
      // Usually the pool sees the closed connection, retries on a fresh one and says the server is
      // gone. On a loaded machine the dying server has been seen to answer the search with NO
      // first: that is reported as a refusal. Either way the search fails in words, and recovers.
      expect(await kit.call('mail_search', {})).toMatchObject({
        ok: false,
        output: {
          error: expect.stringMatching(
            /^Mail account "home": the IMAP server 127\.0\.0\.1:\d+ closed the connection while trying to search INBOX\. Try again\.$|^The mail server refused the search\.$/,
          ),
        },
      });
    } finally {
      await dovecot.resume();
    }
    expect(await kit.call('mail_read', { uid: 1 })).toMatchObject({ ok: true, output: { subject: 'Dinner on Friday?' } });
  });

  it('the IDLE watcher reconnects by itself and reports mail that arrives after the restart', async () => {
    await eventually(() => kit.mail.watching()[0]?.idle === true, 'the IDLE connection to come back');
    const [uid] = await dovecot.seed([{ raw: loadMailFixture('koi8-r') }]);
    await eventually(() => events.some((e) => e.uids.includes(uid ?? -1)), 'a new-mail event after the restart');
    expect(events.flatMap((e) => e.uids)).toEqual([2, uid]);
  });
});
