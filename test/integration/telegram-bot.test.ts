/**
 * Telegram end to end: the whole stack against a local Bot API that follows Telegram's (long
 * polling getUpdates, sendMessage, editMessageText, answerCallbackQuery), the HA simulator (intents
 * home: Alice is an admin, Bob is not) and the fake model.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callService as callTool, echoResult, say } from '../fake-llm/replies.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { startFakeTelegram, type BotMessage, type FakeTelegram, type FakeTelegramUser } from '../support/fake-telegram.js';
import { createLogger } from '../../src/logger.js';
import { startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';
import { until } from '../support/until.js';

const ALICE: FakeTelegramUser = { id: 1001, first_name: 'Alice' };
const BOB: FakeTelegramUser = { id: 1002, first_name: 'Bob' };
const MALLORY: FakeTelegramUser = { id: 1003, first_name: 'Mallory' };
const STRANGER: FakeTelegramUser = { id: 5005, first_name: 'Stranger' };
const UNLOCK_FRONT = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };
const BOB_HEADERS = { 'x-remote-user-id': 'user-bob', 'x-remote-user-name': 'bob', 'x-remote-user-display-name': 'Bob' };

const JSON_BODY = { 'content-type': 'application/json' };

describe('Telegram channel', () => {
  let telegram: FakeTelegram;
  let stack: Stack;
  const inChat = (chatId: number) => telegram.messages.filter((m) => m.chatId === chatId);
  const lockCalls = () => stack.sim.serviceCalls.filter((call) => call.domain === 'lock');

  const logLines: string[] = [];

  beforeAll(async () => {
    telegram = await startFakeTelegram();
    stack = await startStack({
      home: loadIntentsHome(),
      logger: createLogger('debug', { write: (line: string) => void logLines.push(line) }),
      options: {
        telegram_bot_token: telegram.token,
        telegram_allowed_chats: [String(ALICE.id), String(BOB.id), String(MALLORY.id)],
        telegram_users: [`${ALICE.id}=alice`, `${BOB.id}=user-bob`],
      },
      overrides: { messengers: { telegramApiRoot: telegram.apiRoot, editIntervalMs: 30, retryMs: 50 } },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await telegram?.stop();
  });
  beforeEach(() => {
    stack.sim.setState('lock.front_door', 'locked');
    stack.sim.serviceCalls.length = 0;
  });

  it('an allowed chat gets the answer, as a reply in that chat', async () => {
    stack.llm.enqueue(say('Hello Alice, all lights are off.'));
    telegram.sendText(ALICE, 'are the lights off?');
    const answer = await until(() => inChat(ALICE.id).find((m) => m.text === 'Hello Alice, all lights are off.'), 'the answer');
    expect(answer.replyMarkup).toBeUndefined();
    const sent = telegram.calls.find((c) => c.method === 'sendMessage' && c.params.chat_id === ALICE.id);
    expect(sent?.params.reply_parameters).toMatchObject({ message_id: expect.any(Number) });
    // The next message continues the same conversation: the model sees the first exchange.
    stack.llm.enqueue(say('You asked about the lights.'));
    telegram.sendText(ALICE, 'what did I ask?');
    await until(() => inChat(ALICE.id).find((m) => m.text === 'You asked about the lights.'), 'the second answer');
    const lastRequest = JSON.stringify(stack.llm.requests.at(-1)?.body);
    expect(lastRequest).toContain('are the lights off?');
  });

  it('an unknown chat gets one pairing code and nothing else; once an admin confirms it, it is answered', async () => {
    const modelCalls = stack.llm.requests.length;
    telegram.sendText(STRANGER, 'hi, open the door');
    const offer = await until(() => inChat(STRANGER.id)[0], 'the pairing code');
    const code = /([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(offer.text)?.[1];
    expect(code).toBeDefined();
    telegram.sendText(STRANGER, 'hello?');
    telegram.sendText(ALICE, 'ping');
    stack.llm.enqueue(say('pong'));
    // Alice's later message is answered: the stranger's second message has been handled by then.
    await until(() => inChat(ALICE.id).find((m) => m.text === 'pong'), 'the answer to Alice');
    expect(inChat(STRANGER.id)).toHaveLength(1);
    expect(stack.llm.requests.length).toBe(modelCalls + 1);

    const bobTry = await fetch(`${stack.url}/api/pairings/${code}`, { method: 'POST', headers: { ...BOB_HEADERS, ...JSON_BODY }, body: '{}' });
    expect(bobTry.status).toBe(403);
    const listed = (await (await fetch(`${stack.url}/api/pairings`, { headers: TEST_USER_HEADERS })).json()) as { pairings: Array<Record<string, unknown>> };
    expect(listed.pairings).toContainEqual(expect.objectContaining({ channel: 'telegram', chat_id: String(STRANGER.id), code, confirmed_at: null }));
    const confirm = await fetch(`${stack.url}/api/pairings/${code!.toLowerCase().replace('-', '')}`, { method: 'POST', headers: { ...TEST_USER_HEADERS, ...JSON_BODY }, body: '{}' });
    expect(confirm.status).toBe(200);
    expect(await confirm.json()).toMatchObject({ pairing: { code, confirmed_by: 'user-admin' } });
    await until(() => inChat(STRANGER.id).length === 2, 'the paired notice');

    stack.llm.enqueue(say('Welcome.'));
    telegram.sendText(STRANGER, 'hello again');
    await until(() => inChat(STRANGER.id).find((m) => m.text === 'Welcome.'), 'an answer after pairing');
    const again = await fetch(`${stack.url}/api/pairings/${code}`, { method: 'POST', headers: { ...TEST_USER_HEADERS, ...JSON_BODY }, body: '{}' });
    expect(again.status).toBe(404);
  });

  it('an approval button pressed by a non-approver does nothing; the mapped admin approves and the call runs', async () => {
    stack.llm.enqueue(callTool(UNLOCK_FRONT), echoResult);
    telegram.sendText(ALICE, 'unlock the front door');
    const prompt = await until(() => inChat(ALICE.id).find((m) => m.replyMarkup !== undefined), 'the approval buttons');
    expect(prompt.text).toContain('Front Door');
    const [approve, deny] = prompt.replyMarkup!.inline_keyboard[0]!;
    expect(approve!.text).toBe('Approve');

    // Bob is mapped but not an approver; Mallory is not mapped at all; a forged nonce is stale.
    const bobPress = telegram.press(BOB, prompt, approve!.callback_data);
    const malloryPress = telegram.press(MALLORY, prompt, approve!.callback_data);
    const forged = telegram.press(ALICE, prompt, approve!.callback_data.replace(/\|[^|]+\|y$/, '|AAAAAAAA|y'));
    await until(() => [bobPress, malloryPress, forged].every((id) => telegram.callbackAnswers.has(id)), 'answers to the presses');
    expect(telegram.callbackAnswers.get(bobPress)).toMatchObject({ show_alert: true, text: expect.stringMatching(/administrator or a listed approver/) });
    expect(telegram.callbackAnswers.get(malloryPress)).toMatchObject({ show_alert: true });
    expect(telegram.callbackAnswers.get(forged)).toMatchObject({ text: 'This button is no longer valid.' });
    expect(lockCalls()).toEqual([]);
    expect(deny!.callback_data).toMatch(/\|n$/);

    const alicePress = telegram.press(ALICE, prompt, approve!.callback_data);
    const answer = await until(() => inChat(ALICE.id).find((m) => m.text.startsWith('OK:')), 'the answer after approval');
    expect(answer.text).toMatch(/^OK:/);
    expect(telegram.callbackAnswers.get(alicePress)).toMatchObject({ text: 'Approved.' });
    expect(lockCalls()).toHaveLength(1);
    expect(stack.sim.getState('lock.front_door')?.state).toBe('unlocked');
    await until(() => prompt.replyMarkup === undefined && /approved/.test(prompt.text), 'the buttons removed');
    const approvals = (await (await fetch(`${stack.url}/api/approvals?status=approved`, { headers: TEST_USER_HEADERS })).json()) as {
      approvals: Array<Record<string, unknown>>;
    };
    expect(approvals.approvals[0]).toMatchObject({ decided_by_id: 'user-admin', requester_id: 'user-admin', decided_via: 'telegram' });
    // The activity log says where the yes came from.
    const audit = (await (await fetch(`${stack.url}/api/audit?kind=approval`, { headers: TEST_USER_HEADERS })).json()) as { entries: Array<Record<string, unknown>> };
    expect(audit.entries.find((entry) => entry.decision === 'approve')).toMatchObject({ actor: 'user-admin', outcome: 'approved', detail: expect.stringMatching(/approved by Alice via telegram\b/) });
  });

  it('keeps answering after the Bot API connection drops', async () => {
    await telegram.drop(200);
    stack.llm.enqueue(say('Still here.'));
    telegram.sendText(ALICE, 'are you there?');
    await until(() => inChat(ALICE.id).find((m: BotMessage) => m.text === 'Still here.'), 'the answer after the outage');
  });

  it('never puts the bot token in a message or the log', () => {
    expect(logLines.length).toBeGreaterThan(0);
    for (const token of [telegram.token]) expect(logLines.join('\n')).not.toContain(token);
    expect(JSON.stringify(telegram.messages)).not.toContain(telegram.token.split(':')[1]);
  });
});
