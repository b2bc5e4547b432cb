/**
 * Mail through the whole agent: the real server over HTTP/SSE, the policy and approvals, the fake
 * model scripted turn by turn, dovecot and an SMTP server.
 */
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { turnToolCalls } from '../fake-llm/request-view.js';
import type { RecordedRequest } from '../fake-llm/types.js';
import { loadDatasetHome } from '../ha-sim/index.js';
import { startDovecot, type Dovecot } from '../support/dovecot.js';
import type { MailFixture } from '../support/mail-fixtures.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';
import { accountFor, dovecotMissingReason, folderSources, seedInbox } from './mail-harness.js';

const skip = dovecotMissingReason();

type Event = Record<string, unknown>;

/** The last tool result of the current turn, as the model reads it. */
function lastResult(req: RecordedRequest): { text: string; isError: boolean } {
  const result = turnToolCalls(req.body).at(-1)?.result;
  if (!result) throw new Error('no tool result in the request');
  return result;
}

/** The JSON inside a tool result (untrusted output comes wrapped in <untrusted_content>). */
function resultJson<T>(req: RecordedRequest): T {
  return JSON.parse(lastResult(req).text.replace(/<\/?untrusted_content>/g, '')) as T;
}

/** A chat whose SSE stream is read event by event, so a test can act while an approval waits. */
async function openChat(url: string, message: string) {
  const res = await fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS },
    body: JSON.stringify({ message }),
  });
  if (!res.ok || !res.body) throw new Error(`chat answered ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const events: Event[] = [];
  let buffer = '';
  let ended = false;
  const readUntil = async (stop: (e: Event) => boolean): Promise<Event> => {
    for (;;) {
      const found = events.find(stop);
      if (found) return found;
      if (ended) throw new Error(`stream ended without the event; got ${events.map((e) => e.type).join(', ')}`);
      const { done, value } = await reader.read();
      if (done) ended = true;
      buffer += decoder.decode(value ?? new Uint8Array(), { stream: !done });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        for (const line of block.split('\n')) if (line.startsWith('data:')) events.push(JSON.parse(line.slice(5).trim()) as Event);
      }
    }
  };
  return { events, readUntil };
}

async function decide(url: string, id: string, decision: 'approve' | 'deny'): Promise<void> {
  const res = await fetch(`${url}/api/approvals/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS },
    body: JSON.stringify({ decision }),
  });
  if (!res.ok) throw new Error(`approval answered ${res.status}: ${await res.text()}`);
}

describe.skipIf(skip !== undefined)('mail through the agent', () => {
  let dovecot: Dovecot;
  let smtp: SmtpCapture;
  let stack: Stack;
  let uid: Record<MailFixture, number>;

  beforeAll(async () => {
    dovecot = await startDovecot();
    uid = await seedInbox(dovecot);
    smtp = await startSmtpCapture({ user: dovecot.user, password: dovecot.password });
    stack = await startStack({ home: loadDatasetHome('home1-us'), options: { mail_accounts: [accountFor(dovecot, smtp)] } });
  });
  afterAll(async () => {
    await stack?.stop();
    await smtp?.stop();
    await dovecot?.stop();
  });

  it('offers the mail tools to the model', async () => {
    stack.llm.enqueue({ content: [{ type: 'text', text: 'Hello.' }] });
    await chat(stack.url, { message: 'hello' });
    const offered = (stack.llm.requests.at(-1)?.body.tools ?? []).map((t) => t.name);
    expect(offered).toEqual(expect.arrayContaining(['mail_search', 'mail_read', 'mail_send', 'mail_move', 'mail_mark']));
    expect(offered).not.toContain('mail_delete');
  });

  it('"summarize my unread mail": searches unread mail and answers from it, with no approval', async () => {
    stack.llm.enqueue({ content: [{ type: 'tool_use', name: 'mail_search', input: { unseen: true } }] }, (req) => {
      const found = resultJson<{ messages: Array<{ from: string; subject: string }> }>(req);
      const lines = found.messages.map((m) => `- ${m.subject} (from ${m.from})`);
      return { content: [{ type: 'text', text: `You have ${found.messages.length} unread mails:\n${lines.join('\n')}` }] };
    });
    const events = await chat(stack.url, { message: 'summarize my unread mail' });
    expect(events.map((e) => e.type).filter((t) => t !== 'text')).toEqual(['tool_call', 'tool_result', 'done']);
    expect(events.find((e) => e.type === 'tool_result')).toMatchObject({ ok: true, summary: '3 messages in INBOX' });
    const done = events.at(-1);
    expect(done?.text).toContain('You have 3 unread mails:');
    expect(done?.text).toContain('- Dinner on Friday? (from Bob Martin <bob@example.org>)');
    expect(done?.text).toContain('- School trip: permission slip needed by Monday');
    expect(done?.text).toContain('- Привет!');
    // Third-party text reaches the model fenced as untrusted.
    expect(lastResult(stack.llm.requests.at(-1) as RecordedRequest).text.startsWith('<untrusted_content>')).toBe(true);
  });

  /** Scripts "reply to Bob saying yes": find Bob's mail, draft the reply, then report. */
  function scriptReplyToBob(): void {
    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'mail_search', input: { from: 'bob' } }] },
      (req) => {
        const found = resultJson<{ messages: Array<{ uid: number; subject: string }> }>(req);
        const bob = found.messages[0];
        return {
          content: [
            {
              type: 'tool_use',
              name: 'mail_send',
              input: { to: 'bob@example.org', subject: bob?.subject ?? '', body: 'Yes! Friday at 8 works for me.\n\nAlice', reply_to_uid: bob?.uid },
            },
          ],
        };
      },
      (req) => ({ content: [{ type: 'text', text: lastResult(req).isError ? 'I did not send it.' : 'Done: I told Bob yes.' }] }),
    );
  }

  it('"reply to Bob saying yes": the approval shows the full draft; once approved the threaded reply is delivered and filed in Sent', async () => {
    const delivered = smtp.messages.length;
    scriptReplyToBob();
    const turn = await openChat(stack.url, 'reply to Bob saying yes');
    const approval = await turn.readUntil((e) => e.type === 'approval_required');
    expect(approval).toMatchObject({
      tool: 'mail_send',
      input: { to: 'bob@example.org', subject: 'Dinner on Friday?', body: 'Yes! Friday at 8 works for me.\n\nAlice', reply_to_uid: uid['multipart-alternative'] },
    });
    const summary = String(approval.summary);
    expect(summary).toContain('To: bob@example.org');
    expect(summary).toContain('Subject: Re: Dinner on Friday?');
    expect(summary).toContain(`In reply to message ${uid['multipart-alternative']}`);
    expect(summary.endsWith('\n\nYes! Friday at 8 works for me.\n\nAlice')).toBe(true);
    expect(smtp.messages).toHaveLength(delivered);

    await decide(stack.url, String(approval.approval_id), 'approve');
    const done = await turn.readUntil((e) => e.type === 'done');
    expect(done.text).toBe('Done: I told Bob yes.');
    expect(turn.events.find((e) => e.type === 'approval_resolved')).toMatchObject({ decision: 'approve' });
    expect(turn.events.filter((e) => e.type === 'tool_result').at(-1)).toMatchObject({ ok: true, summary: 'Sent “Re: Dinner on Friday?” to bob@example.org' });

    const sent = await smtp.waitForMessage(delivered);
    expect(sent.to).toEqual(['bob@example.org']);
    const parsed = await simpleParser(sent.raw);
    expect(parsed.subject).toBe('Re: Dinner on Friday?');
    expect(parsed.inReplyTo).toBe('<dinner-2@mail.example.org>');
    expect(parsed.references).toEqual(['<dinner-1@home.example>', '<dinner-2@mail.example.org>']);
    expect(parsed.text?.trim()).toBe('Yes! Friday at 8 works for me.\n\nAlice');
    const filed = await folderSources(dovecot, dovecot.sentFolder);
    expect(filed.map((m) => m.source)).toEqual([sent.raw.toString('utf8')]);
  });

  it('on denial nothing is sent and nothing is filed', async () => {
    const delivered = smtp.messages.length;
    const filed = (await folderSources(dovecot, dovecot.sentFolder)).length;
    scriptReplyToBob();
    const turn = await openChat(stack.url, 'reply to Bob saying yes');
    const approval = await turn.readUntil((e) => e.type === 'approval_required');
    await decide(stack.url, String(approval.approval_id), 'deny');
    const done = await turn.readUntil((e) => e.type === 'done');
    expect(done.text).toBe('I did not send it.');
    expect(turn.events.filter((e) => e.type === 'tool_result').at(-1)).toMatchObject({ ok: false });
    expect(smtp.messages).toHaveLength(delivered);
    expect(await folderSources(dovecot, dovecot.sentFolder)).toHaveLength(filed);
  });

  it('keeps working after dovecot restarts (the server\'s pooled connections are replaced)', async () => {
    await dovecot.halt();
    await dovecot.resume();
    stack.llm.enqueue({ content: [{ type: 'tool_use', name: 'mail_search', input: { query: 'invoice' } }] }, (req) => ({
      content: [{ type: 'text', text: lastResult(req).isError ? `failed: ${lastResult(req).text}` : `found ${resultJson<{ total: number }>(req).total}` }],
    }));
    const events = await chat(stack.url, { message: 'any invoice?' });
    expect(events.at(-1)).toMatchObject({ type: 'done', text: 'found 1' });
  });

  it('never shows the mail password to the model, the chat or the audit log', async () => {
    const audit = await fetch(`${stack.url}/api/audit?limit=500`, { headers: TEST_USER_HEADERS });
    const everything = [JSON.stringify(stack.llm.requests.map((r) => r.body)), await audit.text()].join('\n');
    expect(everything).toContain('mail_send');
    expect(everything).not.toContain(dovecot.password);
  });
});
