/**
 * French end to end: an approval asked in French reads in French wherever a person decides it: on
 * the phone (what, why, who asked, Approuver/Refuser) and in Telegram (what and why, the buttons,
 * the answer to a press). The language comes from the option `language`, or from the panel's
 * `language` (the HA user's) for a panel chat on an English server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { callService as callTool, echoResult } from '../fake-llm/replies.js';
import { loadIntentsHome, type RecordedServiceCall } from '../ha-sim/index.js';
import { startFakeTelegram, type FakeTelegram, type FakeTelegramUser } from '../support/fake-telegram.js';
import { startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';
import { until } from '../support/until.js';

const PHONE = 'mobile_app_my_phone';
const ALICE: FakeTelegramUser = { id: 1001, first_name: 'Alice' };
const UNLOCK_FRONT = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };

const phoneNotices = (stack: Stack): RecordedServiceCall[] =>
  stack.sim.serviceCalls.filter((call) => call.domain === 'notify' && call.service === PHONE && call.service_data.title !== undefined);

async function chatIn(stack: Stack, message: string, language?: string): Promise<void> {
  const res = await fetch(`${stack.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS },
    body: JSON.stringify({ message, ...(language && { language }) }),
  });
  await res.text();
}

describe('an approval in French', () => {
  let telegram: FakeTelegram;
  let stack: Stack;

  beforeAll(async () => {
    telegram = await startFakeTelegram();
    stack = await startStack({
      home: loadIntentsHome(),
      options: {
        language: 'fr',
        approval_notify: [`notify.${PHONE}`],
        telegram_bot_token: telegram.token,
        telegram_allowed_chats: [String(ALICE.id)],
        telegram_users: [`${ALICE.id}=alice`],
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

  it('reaches the phone in French: what, why, who asked, Approuver and Refuser', async () => {
    stack.llm.enqueue(callTool(UNLOCK_FRONT), echoResult);
    const turn = chatIn(stack, 'déverrouille la porte d’entrée');
    const notice = await vi.waitFor(
      () => {
        const found = phoneNotices(stack)[0];
        if (!found) throw new Error('no notification yet');
        return found;
      },
      { timeout: 5000, interval: 10 },
    );
    expect(notice.service_data).toMatchObject({
      title: 'Majordome a besoin de votre accord',
      message: 'Déverrouiller Front Door (lock.front_door). Déverrouiller ou ouvrir une serrure demande un oui (lock.front_door). Demandé par Alice.',
      data: { actions: [{ title: 'Approuver' }, { title: 'Refuser' }] },
    });
    const tag = (notice.service_data.data as { tag: string }).tag;
    const res = await fetch(`${stack.url}/api/approvals/${tag.replace('majordome-approval-', '')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS },
      body: JSON.stringify({ decision: 'deny' }),
    });
    expect(res.status).toBe(200);
    await turn;
  });

  it('asks in Telegram in French, with the reason, and answers the press in French', async () => {
    stack.llm.enqueue(callTool(UNLOCK_FRONT), echoResult);
    telegram.sendText(ALICE, 'déverrouille la porte d’entrée');
    const prompt = await until(() => telegram.messages.find((m) => m.chatId === ALICE.id && m.replyMarkup !== undefined), 'the approval buttons');
    expect(prompt.text).toBe('Accord nécessaire : Déverrouiller Front Door (lock.front_door)\nPourquoi : déverrouiller ou ouvrir une serrure demande un oui (lock.front_door)');
    const [approve, deny] = prompt.replyMarkup!.inline_keyboard[0]!;
    expect([approve!.text, deny!.text]).toEqual(['Approuver', 'Refuser']);
    const press = telegram.press(ALICE, prompt, approve!.callback_data);
    await until(() => telegram.callbackAnswers.has(press), 'the answer to the press');
    expect(telegram.callbackAnswers.get(press)).toMatchObject({ text: 'Approuvé.' });
    await until(() => telegram.messages.find((m) => m.chatId === ALICE.id && m.text.startsWith('Déverrouiller Front Door (lock.front_door) : approuvé')), 'the decided approval');
    // A second press, once decided, is told how it ended, in French too.
    const late = telegram.press(ALICE, prompt, approve!.callback_data);
    await until(() => telegram.callbackAnswers.has(late), 'the answer to the late press');
    expect(telegram.callbackAnswers.get(late)).toMatchObject({ text: 'Cette demande a déjà été approuvée par Alice.' });
  });
});

describe('an approval asked from a French panel on an English server', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome(), options: { approval_notify: [`notify.${PHONE}`] } });
  });
  afterAll(async () => stack?.stop());

  it('is worded in the asking person’s language, summary and reason, on the phone and in the panel', async () => {
    stack.llm.enqueue(callTool(UNLOCK_FRONT), echoResult);
    const turn = chatIn(stack, 'déverrouille la porte d’entrée', 'fr-FR');
    const notice = await vi.waitFor(
      () => {
        const found = phoneNotices(stack)[0];
        if (!found) throw new Error('no notification yet');
        return found;
      },
      { timeout: 5000, interval: 10 },
    );
    expect(notice.service_data).toMatchObject({ title: 'Majordome a besoin de votre accord', message: expect.stringMatching(/^Déverrouiller Front Door/) });
    const listed = (await (await fetch(`${stack.url}/api/approvals?status=pending`, { headers: TEST_USER_HEADERS })).json()) as {
      approvals: Array<{ id: string; summary: string; reason: string }>;
    };
    expect(listed.approvals[0]).toMatchObject({ summary: 'Déverrouiller Front Door (lock.front_door)', reason: 'déverrouiller ou ouvrir une serrure demande un oui (lock.front_door)' });
    await fetch(`${stack.url}/api/approvals/${listed.approvals[0]!.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS },
      body: JSON.stringify({ decision: 'deny' }),
    });
    await turn;
  });
});
