/**
 * One approval, several places to answer it: the panel (HTTP), the phone (a notification action
 * fired in the HA simulator), Telegram and Slack (local fakes of their APIs). Answers that arrive
 * together have exactly one winner: the call runs at most once, the audit holds one decision, the
 * other places show the outcome, and whoever lost is told who decided. A restart leaves a pending
 * approval expired: answering it afterwards, from anywhere, runs nothing and says it expired.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APPROVE_ACTION, DENY_ACTION } from '../../src/channels/slack/slack-blocks.js';
import { callService as callTool, echoResult } from '../fake-llm/replies.js';
import type { FakeTurn } from '../fake-llm/index.js';
import { loadIntentsHome, type RecordedServiceCall } from '../ha-sim/index.js';
import { startFakeSlack, type FakeSlack, type SlackPost } from '../support/fake-slack.js';
import { startFakeTelegram, type BotMessage, type FakeTelegram, type FakeTelegramUser } from '../support/fake-telegram.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';
import { until } from '../support/until.js';

const PHONE = 'mobile_app_my_phone';
const ACTION_EVENT = 'mobile_app_notification_action';
const ALICE_ID = 'user-admin'; // HA admin in the simulator
const BOB_ID = 'user-bob'; // a listed approver here
const ALICE_PANEL = TEST_USER_HEADERS;
const BOB_PANEL = { 'x-remote-user-id': BOB_ID, 'x-remote-user-name': 'bob', 'x-remote-user-display-name': 'Bob' };
const TG_ALICE: FakeTelegramUser = { id: 1001, first_name: 'Alice' };
const TG_BOB: FakeTelegramUser = { id: 1002, first_name: 'Bob' };
const TG_HOUSE = -4242; // a group chat both are in
const SLACK_ALICE = 'U0ALICE';
const SLACK_BOB = 'U0BOB';
const SLACK_HOME = 'C0HOME';
const UNLOCK_FRONT = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };

type Decision = 'approve' | 'deny';

describe('the first answer wins', () => {
  let stack: Stack;
  let telegram: FakeTelegram;
  let slack: FakeSlack;

  const lockCalls = (): RecordedServiceCall[] => stack.sim.serviceCalls.filter((call) => call.domain === 'lock');
  const phoneCalls = (): RecordedServiceCall[] => stack.sim.serviceCalls.filter((call) => call.domain === 'notify' && call.service === PHONE);

  /** The phone notification of an approval: its tag, and the Approve/Deny action ids. */
  async function onPhone(approvalId: string): Promise<{ tag: string; approve: string; deny: string }> {
    const tag = `majordome-approval-${approvalId}`;
    const call = await until(
      () => phoneCalls().find((c) => (c.service_data.data as { tag?: string; actions?: unknown }).tag === tag && c.service_data.title !== undefined),
      'the approval on the phone',
    );
    const actions = (call.service_data.data as { actions: Array<{ action: string }> }).actions;
    return { tag, approve: actions[0]!.action, deny: actions[1]!.action };
  }

  const tap = (phone: { approve: string; deny: string; tag: string }, decision: Decision, userId = ALICE_ID) =>
    stack.sim.fireEvent(ACTION_EVENT, { action: decision === 'approve' ? phone.approve : phone.deny, tag: phone.tag }, userId);

  async function panelDecide(id: string, decision: Decision, headers: Record<string, string> = ALICE_PANEL) {
    const res = await fetch(`${stack.url}/api/approvals/${id}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ decision }) });
    return { status: res.status, body: (await res.json()) as { approval?: Record<string, unknown>; error?: string } };
  }

  async function approvalView(id: string): Promise<Record<string, unknown> | undefined> {
    const res = await fetch(`${stack.url}/api/approvals`, { headers: ALICE_PANEL });
    return ((await res.json()) as { approvals: Array<Record<string, unknown>> }).approvals.find((a) => a.id === id);
  }

  /** The decisions the audit holds for this approval (not its request, nor refused attempts). */
  async function auditedDecisions(id: string): Promise<Array<Record<string, unknown>>> {
    const res = await fetch(`${stack.url}/api/audit?limit=500`, { headers: ALICE_PANEL });
    const { entries } = (await res.json()) as { entries: Array<Record<string, unknown>> };
    return entries.filter((e) => e.kind === 'approval' && String(e.detail).startsWith(`[${id}]`) && ['approve', 'deny', 'expired'].includes(String(e.decision)));
  }

  /** A panel chat asking to unlock the front door, with its pending approval's id. */
  async function askInPanel(): Promise<{ id: string; turn: Promise<Array<Record<string, unknown>>> }> {
    stack.llm.enqueue(callTool(UNLOCK_FRONT), echoResult);
    const before = new Set(((await (await fetch(`${stack.url}/api/approvals`, { headers: ALICE_PANEL })).json()) as { approvals: Array<{ id: string }> }).approvals.map((a) => a.id));
    const turn = chat(stack.url, { message: 'unlock the front door' });
    turn.catch(() => undefined);
    return { id: await waitForPending(before), turn };
  }

  async function waitForPending(before: Set<string>): Promise<string> {
    for (let i = 0; i < 400; i++) {
      const res = await fetch(`${stack.url}/api/approvals?status=pending`, { headers: ALICE_PANEL });
      const fresh = ((await res.json()) as { approvals: Array<{ id: string }> }).approvals.find((a) => !before.has(a.id));
      if (fresh) return fresh.id;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('no pending approval');
  }

  const approvalIdOf = (callbackData: string): string => callbackData.split('|')[1]!;

  /** A Telegram group message asking to unlock; the approval message with its buttons. */
  async function askInTelegram(replies: FakeTurn[] = [callTool(UNLOCK_FRONT), echoResult]): Promise<{ prompt: BotMessage; id: string; approve: string; deny: string }> {
    stack.llm.enqueue(...replies);
    const seen = telegram.messages.length;
    telegram.sendText(TG_ALICE, 'unlock the front door', TG_HOUSE);
    const prompt = await until(() => telegram.messages.slice(seen).find((m) => m.chatId === TG_HOUSE && m.replyMarkup !== undefined), 'the Telegram buttons');
    const [approve, deny] = prompt.replyMarkup!.inline_keyboard[0]!;
    return { prompt, id: approvalIdOf(approve!.callback_data), approve: approve!.callback_data, deny: deny!.callback_data };
  }

  /** A Slack mention asking to unlock; the approval post with its buttons. */
  async function askInSlack(replies: FakeTurn[] = [callTool(UNLOCK_FRONT), echoResult]): Promise<{ prompt: SlackPost; buttons: SlackPost; id: string }> {
    stack.llm.enqueue(...replies);
    const seen = slack.posts.length;
    await slack.message({ user: SLACK_ALICE, text: 'unlock the front door', channel: SLACK_HOME });
    const prompt = await until(() => slack.posts.slice(seen).find((p) => p.blocks?.some((b) => b.type === 'actions')), 'the Slack buttons');
    const actions = prompt.blocks!.find((b) => b.type === 'actions')!.elements as Array<{ value: string }>;
    // The buttons as shown, to press them again once the message no longer has them.
    return { prompt, buttons: structuredClone(prompt), id: approvalIdOf(actions[0]!.value) };
  }

  const cleared = (tag: string) =>
    until(() => phoneCalls().some((c) => c.service_data.message === 'clear_notification' && (c.service_data.data as { tag?: string }).tag === tag), `the phone cleared of ${tag}`);

  /** What the phones were told after a losing tap: a notification replacing the approval's (same tag). */
  const phoneAnswer = (tag: string) =>
    until(
      () => phoneCalls().find((c) => c.service_data.message !== 'clear_notification' && c.service_data.title !== 'Majordome needs your approval' && (c.service_data.data as { tag?: string }).tag === tag),
      'an answer on the phone',
    );

  beforeAll(async () => {
    telegram = await startFakeTelegram();
    slack = await startFakeSlack();
    stack = await startStack({
      home: loadIntentsHome(),
      options: {
        approvers: ['bob'],
        approval_notify: [`notify.${PHONE}`],
        telegram_bot_token: telegram.token,
        telegram_allowed_chats: [String(TG_HOUSE)],
        telegram_users: [`${TG_ALICE.id}=alice`, `${TG_BOB.id}=bob`],
        slack_bot_token: slack.botToken,
        slack_app_token: slack.appToken,
        slack_allowed_users: [SLACK_ALICE, SLACK_BOB],
        slack_allowed_channels: [SLACK_HOME],
        slack_users: [`${SLACK_ALICE}=alice`, `${SLACK_BOB}=bob`],
      },
      overrides: { messengers: { telegramApiRoot: telegram.apiRoot, slackApiUrl: slack.apiUrl, editIntervalMs: 30, retryMs: 50, slackPingTimeoutMs: 200 } },
    });
    await slack.connected();
  });
  afterAll(async () => {
    await stack?.stop();
    await telegram?.stop();
    await slack?.stop();
  });
  beforeEach(() => {
    stack.sim.setState('lock.front_door', 'locked');
    stack.sim.serviceCalls.length = 0;
  });

  it('panel approve and phone deny at once: one wins, the call runs at most once, one decision is audited, the phone is cleared', async () => {
    const { id, turn } = await askInPanel();
    const phone = await onPhone(id);
    const [panel] = await Promise.all([panelDecide(id, 'approve'), Promise.resolve(tap(phone, 'deny'))]);
    const events = await turn;
    const resolved = events.filter((e) => e.type === 'approval_resolved');
    expect(resolved).toHaveLength(1);
    const winner = resolved[0]!.decision as Decision;
    expect(lockCalls()).toHaveLength(winner === 'approve' ? 1 : 0);
    expect(await approvalView(id)).toMatchObject({ status: winner === 'approve' ? 'approved' : 'denied', decided_via: winner === 'approve' ? 'panel' : 'phone' });
    expect(await auditedDecisions(id)).toHaveLength(1);
    await cleared(phone.tag);
    if (winner === 'deny') expect(panel).toMatchObject({ status: 403, body: { error: 'This approval was already denied by Alice.' } });
    else expect((await phoneAnswer(phone.tag)).service_data.message).toBe('This approval was already approved by Alice.');
  });

  it('a tap that comes after the panel decided runs nothing and tells the phone who decided', async () => {
    const { id, turn } = await askInPanel();
    const phone = await onPhone(id);
    expect((await panelDecide(id, 'approve')).status).toBe(200);
    await turn;
    await cleared(phone.tag);
    tap(phone, 'deny');
    const answer = await phoneAnswer(phone.tag);
    expect(answer.service_data).toMatchObject({ message: 'This approval was already approved by Alice.', title: 'Unlock Front Door (lock.front_door)', data: { tag: phone.tag } });
    expect(answer.service_data.data).not.toHaveProperty('actions');
    expect(lockCalls()).toHaveLength(1);
    expect(await approvalView(id)).toMatchObject({ status: 'approved', decided_via: 'panel' });
    expect(await auditedDecisions(id)).toHaveLength(1);
  });

  it('two panels approve the same approval at once: one 200, one "already approved by", one call', async () => {
    const { id, turn } = await askInPanel();
    const answers = await Promise.all([panelDecide(id, 'approve', ALICE_PANEL), panelDecide(id, 'approve', BOB_PANEL)]);
    await turn;
    expect(answers.map((a) => a.status).sort()).toEqual([200, 403]);
    const winner = answers.find((a) => a.status === 200)!.body.approval!.decided_by as string;
    expect(answers.find((a) => a.status === 403)!.body.error).toBe(`This approval was already approved by ${winner}.`);
    expect(lockCalls()).toHaveLength(1);
    expect(await auditedDecisions(id)).toHaveLength(1);
  });

  it('Alice approves and Bob denies in Telegram at once: one wins, the message shows it, the loser is told', async () => {
    const asked = await askInTelegram();
    const phone = await onPhone(asked.id);
    const presses = [telegram.press(TG_ALICE, asked.prompt, asked.approve), telegram.press(TG_BOB, asked.prompt, asked.deny)];
    await until(() => presses.every((q) => telegram.callbackAnswers.has(q)), 'answers to both presses');
    const status = String((await approvalView(asked.id))?.status);
    expect(['approved', 'denied']).toContain(status);
    const [alice, bob] = presses.map((q) => telegram.callbackAnswers.get(q)!);
    const loser = status === 'approved' ? bob : alice;
    expect(loser).toMatchObject({ show_alert: true, text: status === 'approved' ? 'This approval was already approved by Alice.' : 'This approval was already denied by Bob.' });
    await until(() => asked.prompt.replyMarkup === undefined && asked.prompt.text.endsWith(status === 'approved' ? ': approved (Alice)' : ': denied (Bob)'), 'the message edited to the outcome');
    await until(() => telegram.messages.find((m) => m.chatId === TG_HOUSE && /^(OK|FAILED):/.test(m.text) && m.messageId > asked.prompt.messageId), 'the answer');
    expect(lockCalls()).toHaveLength(status === 'approved' ? 1 : 0);
    expect(await auditedDecisions(asked.id)).toHaveLength(1);
    await cleared(phone.tag);
  });

  it('a Telegram press after the panel denied says who denied, and the message shows the outcome', async () => {
    const asked = await askInTelegram();
    expect((await panelDecide(asked.id, 'deny', BOB_PANEL)).status).toBe(200);
    await until(() => asked.prompt.replyMarkup === undefined && asked.prompt.text.endsWith(': denied (Bob)'), 'the message edited to the outcome');
    const late = telegram.press(TG_ALICE, asked.prompt, asked.approve);
    expect(await until(() => telegram.callbackAnswers.get(late), 'the answer to the late press')).toMatchObject({ text: 'This approval was already denied by Bob.' });
    expect(lockCalls()).toEqual([]);
  });

  it('Slack approve and panel deny at once: one wins, the Slack message shows it; a later Slack press is told who decided', async () => {
    const asked = await askInSlack();
    const [, panel] = await Promise.all([slack.press(SLACK_BOB, asked.prompt, APPROVE_ACTION), panelDecide(asked.id, 'deny', ALICE_PANEL)]);
    await until(() => asked.prompt.blocks === undefined, 'the Slack buttons removed');
    const view = await approvalView(asked.id);
    const approved = view?.status === 'approved';
    expect(asked.prompt.text).toMatch(approved ? /: approved \(Bob\)$/ : /: denied \(Alice\)$/);
    if (approved) expect(panel).toMatchObject({ status: 403, body: { error: 'This approval was already approved by Bob.' } });
    else await until(() => slack.ephemerals.find((e) => e.user === SLACK_BOB && e.text === 'This approval was already denied by Alice.'), 'the loser told');
    await until(() => slack.posts.find((p) => p.channel === SLACK_HOME && /^(OK|FAILED):/.test(p.text) && p.ts > asked.prompt.ts), 'the answer');
    expect(lockCalls()).toHaveLength(approved ? 1 : 0);
    expect(await auditedDecisions(asked.id)).toHaveLength(1);

    await slack.press(SLACK_ALICE, asked.buttons, DENY_ACTION);
    const word = approved ? 'approved by Bob' : 'denied by Alice';
    await until(() => slack.ephemerals.find((e) => e.user === SLACK_ALICE && e.text === `This approval was already ${word}.`), 'the late press told');
    expect(lockCalls()).toHaveLength(approved ? 1 : 0);
  });

  it('a panel client that goes away expires nothing: the approval keeps waiting and, once approved, the call runs', async () => {
    stack.llm.enqueue(callTool(UNLOCK_FRONT), echoResult);
    const client = new AbortController();
    const res = await fetch(`${stack.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...ALICE_PANEL }, body: JSON.stringify({ message: 'unlock the front door' }), signal: client.signal });
    expect(res.ok).toBe(true);
    // Every earlier approval here is decided: the only pending one is this chat's.
    const id = await waitForPending(new Set());
    client.abort();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await approvalView(id)).toMatchObject({ status: 'pending' });
    expect((await panelDecide(id, 'approve')).status).toBe(200);
    await until(() => stack.sim.getState('lock.front_door')?.state === 'unlocked', 'the door unlocked');
    expect(lockCalls()).toHaveLength(1);
  });

  // Last: it restarts the server.
  it('a restart leaves pending approvals expired: answering them afterwards from any channel runs nothing and says so', async () => {
    // The model's replies are one queue: the turns never get past their approval.
    const inTelegram = await askInTelegram([callTool(UNLOCK_FRONT)]);
    const inSlack = await askInSlack([callTool(UNLOCK_FRONT)]);
    const phone = await onPhone(inTelegram.id);
    const connections = slack.connections();

    await stack.restart();
    await until(() => slack.connections() > connections, 'Slack connected again');
    await slack.connected();
    for (const id of [inTelegram.id, inSlack.id]) {
      expect(await approvalView(id)).toMatchObject({ status: 'expired', decided_via: 'system' });
      expect(await auditedDecisions(id)).toEqual([expect.objectContaining({ decision: 'expired' })]);
    }
    await cleared(phone.tag);
    await until(() => inTelegram.prompt.replyMarkup === undefined && /: expired \(nobody\)$/.test(inTelegram.prompt.text), 'the Telegram message showing it expired');

    const press = telegram.press(TG_ALICE, inTelegram.prompt, inTelegram.approve);
    expect(await until(() => telegram.callbackAnswers.get(press), 'the answer to the press')).toMatchObject({ text: expect.stringMatching(/^This approval expired/) });
    await slack.press(SLACK_ALICE, inSlack.buttons, APPROVE_ACTION);
    await until(() => slack.ephemerals.find((e) => e.user === SLACK_ALICE && /^This approval expired/.test(e.text)), 'the Slack press told');
    tap(phone, 'approve');
    expect((await phoneAnswer(phone.tag)).service_data.message).toMatch(/^This approval expired/);
    expect(await panelDecide(inTelegram.id, 'approve')).toMatchObject({ status: 403, body: { error: expect.stringMatching(/^This approval expired/) } });

    expect(lockCalls()).toEqual([]);
    expect(stack.sim.getState('lock.front_door')?.state).toBe('locked');
    for (const id of [inTelegram.id, inSlack.id]) expect(await approvalView(id)).toMatchObject({ status: 'expired' });
  });
});
