/**
 * shell_run through the whole agent: real server, HA simulator, fake model through the real SDK.
 * A command asks first; approved it runs, denied it never runs (a marker file proves it). A user
 * rule allowing `df*` lets `df -h` run unasked but not `df; touch …`. The server's secrets never
 * reach a command's environment. Without shell_enabled the tool does not exist.
 */
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/contracts/chat-events.js';
import { offeredTools, turnToolCalls, type FakeReply, type RecordedRequest } from '../fake-llm/index.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

// Not key-shaped on purpose: the output redactor would hide sk-ant-… values and mask a leak.
const FAKE_SECRETS = { SUPERVISOR_TOKEN: 'plain-supervisor-token-0c1d2e', ANTHROPIC_API_KEY: 'plain-anthropic-key-3f4a5b', HASSIO_TOKEN: 'plain-hassio-token-6c7d8e' };

type Approval = Extract<ChatEvent, { type: 'approval_required' }>;

/** One chat turn, answering each approval with `decide`; every event once the stream ends. */
async function turn(url: string, message: string, decide: (a: Approval) => 'approve' | 'deny' = () => 'deny'): Promise<ChatEvent[]> {
  const res = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS }, body: JSON.stringify({ message }) });
  if (!res.ok || !res.body) throw new Error(`chat answered ${res.status}`);
  const events: ChatEvent[] = [];
  const decisions: Array<Promise<Response>> = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      for (const line of buffer.slice(0, end).split('\n')) {
        if (!line.startsWith('data:')) continue;
        const event = JSON.parse(line.slice(5).trim()) as ChatEvent;
        events.push(event);
        if (event.type === 'approval_required') {
          decisions.push(
            fetch(`${url}/api/approvals/${event.approval_id}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS },
              body: JSON.stringify({ decision: decide(event) }),
            }),
          );
        }
      }
      buffer = buffer.slice(end + 2);
    }
  }
  await Promise.all(decisions);
  return events;
}

const runShell = (command: string): FakeReply => ({ content: [{ type: 'tool_use', name: 'shell_run', input: { command } }] });
/** The model repeats what the tool told it. */
const echo = (req: RecordedRequest): FakeReply => {
  const result = turnToolCalls(req.body).at(-1)?.result;
  return { content: [{ type: 'text', text: `${result?.isError ? 'FAILED' : 'OK'}: ${result?.text ?? ''}` }] };
};
const ofType = <T extends ChatEvent['type']>(events: ChatEvent[], type: T) => events.filter((e): e is Extract<ChatEvent, { type: T }> => e.type === type);
const doneText = (events: ChatEvent[]): string => ofType(events, 'done')[0]?.text ?? '';

describe('shell commands need a yes', () => {
  let stack: Stack;
  let root: string;

  beforeAll(async () => {
    Object.assign(process.env, FAKE_SECRETS);
    root = realpathSync(mkdtempSync(join(tmpdir(), 'majordome-shell-stack-')));
    stack = await startStack({ home: loadIntentsHome(), options: { shell_enabled: true, shell_roots: [root] } });
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('asks first; nothing runs until a person approves, then exactly that command runs', async () => {
    const marker = join(root, 'approved-marker');
    stack.llm.enqueue(runShell('touch approved-marker && echo made it'), echo);
    const events = await turn(stack.url, 'make the marker', (approval) => {
      expect(existsSync(marker)).toBe(false);
      return approval.tool === 'shell_run' ? 'approve' : 'deny';
    });
    expect(ofType(events, 'approval_required')).toEqual([
      expect.objectContaining({ tool: 'shell_run', summary: 'Run the shell command: touch approved-marker && echo made it', input: { command: 'touch approved-marker && echo made it' } }),
    ]);
    expect(ofType(events, 'approval_resolved')).toEqual([expect.objectContaining({ decision: 'approve', by: 'Alice' })]);
    expect(ofType(events, 'tool_result')).toEqual([expect.objectContaining({ ok: true, summary: expect.stringMatching(/exited with code 0/) })]);
    expect(existsSync(marker)).toBe(true);
    expect(doneText(events)).toMatch(/^OK: <untrusted_content>/);
    expect(doneText(events)).toContain('made it');
  });

  it("says in the approval that a command reads Majordome's own settings, wherever the data folder is", async () => {
    const command = `tar c -C ${stack.dataDir} . | base64 -w0`;
    stack.llm.enqueue(runShell(command), echo);
    const events = await turn(stack.url, 'show me the settings', () => 'deny');
    expect(ofType(events, 'approval_required').map((a) => a.summary)).toEqual([
      `Careful: this command reads Majordome's own settings or process environment, which hold its secrets (model keys, tokens, passwords), and what it prints goes to the model.\nRun the shell command: ${command}`,
    ]);
  });

  it('a denied command never runs', async () => {
    const marker = join(root, 'denied-marker');
    stack.llm.enqueue(runShell('touch denied-marker'), echo);
    const events = await turn(stack.url, 'make the other marker', () => 'deny');
    expect(ofType(events, 'approval_resolved')).toEqual([expect.objectContaining({ decision: 'deny' })]);
    expect(ofType(events, 'tool_result')).toEqual([expect.objectContaining({ ok: false })]);
    expect(doneText(events)).toMatch(/^FAILED: .*Denied by Alice/);
    expect(existsSync(marker)).toBe(false);
  });

  it("a command's environment holds none of the server's secrets", async () => {
    expect(process.env['SUPERVISOR_TOKEN']).toBe(FAKE_SECRETS.SUPERVISOR_TOKEN);
    stack.llm.enqueue(runShell('env'), echo);
    const text = doneText(await turn(stack.url, 'show the environment', () => 'approve'));
    expect(text).toMatch(/PATH=/);
    for (const [name, value] of Object.entries(FAKE_SECRETS)) {
      expect(text).not.toContain(name);
      expect(text).not.toContain(value);
    }
    expect(text).not.toContain(stack.llm.apiKey);
  });
});

describe('a user rule allowing df*', () => {
  let stack: Stack;
  let root: string;

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'majordome-shell-rule-')));
    stack = await startStack({
      home: loadIntentsHome(),
      options: { shell_enabled: true, shell_roots: [root], rules: [{ effect: 'allow', tool: 'shell_run', match: 'command="df*"' }] },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('lets "df -h" run without asking', async () => {
    stack.llm.enqueue(runShell('df -h'), echo);
    const events = await turn(stack.url, 'how much disk is left?');
    expect(ofType(events, 'approval_required')).toEqual([]);
    expect(ofType(events, 'tool_result')).toEqual([expect.objectContaining({ ok: true })]);
    expect(doneText(events)).toMatch(/Filesystem/);
  });

  it('does not let "df; touch …" run: it asks, and denied, the file is never made', async () => {
    const marker = join(root, 'smuggled');
    stack.llm.enqueue(runShell(`df; touch ${marker}`), echo);
    const events = await turn(stack.url, 'how much disk is left?', () => 'deny');
    expect(ofType(events, 'approval_required')).toHaveLength(1);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('with shell_enabled off (the default)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome() });
  });
  afterAll(async () => stack?.stop());

  it('the model is not offered shell_run, and a call to it runs nothing', async () => {
    stack.llm.enqueue(runShell('echo should-not-run'), echo);
    const events = await turn(stack.url, 'run something');
    const first = stack.llm.requests.at(-2);
    expect(first && offeredTools(first.body).has('shell_run')).toBe(false);
    expect(doneText(events)).toMatch(/^FAILED: .*Unknown tool .*shell_run/);
    expect(doneText(events)).not.toContain('should-not-run');
  });
});
