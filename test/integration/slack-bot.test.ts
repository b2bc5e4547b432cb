/**
 * Slack end to end: the whole stack against a local Slack (Web API + Socket Mode over `ws`), the
 * HA simulator (intents home: Alice is an admin, Bob is not) and the fake model.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APPROVE_ACTION } from '../../src/channels/slack/slack-blocks.js';
import { callService as callTool, echoResult, say } from '../fake-llm/replies.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { createLogger } from '../../src/logger.js';
import { startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';
import { until } from '../support/until.js';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const MALLORY = 'U0MALLORY';
const HOME_CHANNEL = 'C0HOME';
const OTHER_CHANNEL = 'C0OTHER';
const UNLOCK_FRONT = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };

describe('Slack channel', () => {
  let slack: FakeSlack;
  let stack: Stack;
  const lockCalls = () => stack.sim.serviceCalls.filter((call) => call.domain === 'lock');

  const logLines: string[] = [];

  beforeAll(async () => {
    slack = await startFakeSlack();
    stack = await startStack({
      home: loadIntentsHome(),
      logger: createLogger('debug', { write: (line: string) => void logLines.push(line) }),
      options: {
        slack_bot_token: slack.botToken,
        slack_app_token: slack.appToken,
        slack_allowed_users: [ALICE, BOB, MALLORY],
        slack_allowed_channels: [HOME_CHANNEL],
        slack_users: [`${ALICE}=alice`, `${BOB}=bob`],
      },
      overrides: { messengers: { slackApiUrl: slack.apiUrl, editIntervalMs: 30, slackPingTimeoutMs: 200 } },
    });
    await slack.connected();
  });
  afterAll(async () => {
    await stack?.stop();
    await slack?.stop();
  });
  beforeEach(() => {
    stack.sim.setState('lock.front_door', 'locked');
    stack.sim.serviceCalls.length = 0;
  });

  it('a mention in an allowed channel is answered in its thread, and the thread continues the conversation', async () => {
    stack.llm.enqueue(say('All lights are off.'));
    const ts = await slack.message({ user: ALICE, text: 'are the lights off?', channel: HOME_CHANNEL });
    const answer = await until(() => slack.posts.find((p) => p.text === 'All lights are off.'), 'the answer');
    expect(answer).toMatchObject({ channel: HOME_CHANNEL, threadTs: ts });
    expect(JSON.stringify(stack.llm.requests.at(-1)?.body)).not.toContain('<@U0BOT>');

    stack.llm.enqueue(say('You asked about the lights.'));
    await slack.message({ user: ALICE, text: 'what did I ask?', channel: HOME_CHANNEL, threadTs: ts });
    await until(() => slack.posts.find((p) => p.text === 'You asked about the lights.' && p.threadTs === ts), 'the answer in the thread');
    expect(JSON.stringify(stack.llm.requests.at(-1)?.body)).toContain('are the lights off?');
  });

  it('a direct message from an allowed member is answered; other members and other channels are ignored', async () => {
    const modelCalls = stack.llm.requests.length;
    const ignored = [
      await slack.message({ user: 'U0STRANGER', text: 'open the door', channel: 'D0STRANGER', direct: true }),
      await slack.message({ user: ALICE, text: 'hello there', channel: OTHER_CHANNEL }),
    ];
    stack.llm.enqueue(say('Hi Bob.'));
    const ts = await slack.message({ user: BOB, text: 'hi', channel: 'D0BOB', direct: true });
    await until(() => slack.posts.find((p) => p.text === 'Hi Bob.'), 'the answer to Bob');
    expect(slack.posts.filter((p) => ignored.includes(p.threadTs ?? ''))).toEqual([]);
    expect(slack.posts.find((p) => p.text === 'Hi Bob.')).toMatchObject({ channel: 'D0BOB', threadTs: ts });
    expect(stack.llm.requests.length).toBe(modelCalls + 1);
  });

  it('approval buttons: a non-approver press changes nothing, the mapped admin approves and the call runs', async () => {
    stack.llm.enqueue(callTool(UNLOCK_FRONT), echoResult);
    await slack.message({ user: ALICE, text: 'unlock the front door', channel: HOME_CHANNEL });
    const prompt = await until(() => slack.posts.find((p) => p.blocks?.some((b) => b.type === 'actions')), 'the approval buttons');
    expect(prompt.text).toContain('Front Door');

    const presses = [await slack.press(BOB, prompt, APPROVE_ACTION), await slack.press(MALLORY, prompt, APPROVE_ACTION)];
    await until(() => presses.every((id) => slack.acks.has(id)), 'the acks');
    const refusals = await until(() => slack.ephemerals.length >= 2 && slack.ephemerals, 'the refusals');
    expect(refusals.map((e) => e.user).sort()).toEqual([BOB, MALLORY]);
    expect(refusals[0]!.text).toMatch(/administrator or a listed approver/);
    expect(lockCalls()).toEqual([]);

    await slack.press(ALICE, prompt, APPROVE_ACTION);
    await until(() => slack.posts.find((p) => p.text.startsWith('OK:')), 'the answer after approval');
    expect(lockCalls()).toHaveLength(1);
    await until(() => prompt.blocks === undefined && /approved/.test(prompt.text), 'the buttons removed');
    const approvals = (await (await fetch(`${stack.url}/api/approvals?status=approved`, { headers: TEST_USER_HEADERS })).json()) as {
      approvals: Array<Record<string, unknown>>;
    };
    expect(approvals.approvals[0]).toMatchObject({ decided_by_id: 'user-admin', decided_via: 'slack' });
    // The activity log says where the yes came from.
    const audit = (await (await fetch(`${stack.url}/api/audit?kind=approval`, { headers: TEST_USER_HEADERS })).json()) as { entries: Array<Record<string, unknown>> };
    expect(audit.entries.find((entry) => entry.decision === 'approve')).toMatchObject({ actor: 'user-admin', outcome: 'approved', detail: expect.stringMatching(/approved by Alice via slack\b/) });
  });

  it('reconnects after Slack drops the Socket Mode connection', async () => {
    const before = slack.connections();
    slack.drop();
    await until(() => slack.connections() > before, 'a new connection');
    stack.llm.enqueue(say('Still here.'));
    await slack.message({ user: ALICE, text: 'are you there?', channel: HOME_CHANNEL });
    await until(() => slack.posts.find((p) => p.text === 'Still here.'), 'the answer after reconnecting');
  });

  it('never puts a token in a message or the log', () => {
    expect(logLines.length).toBeGreaterThan(0);
    for (const token of [slack.botToken, slack.appToken]) expect(logLines.join('\n')).not.toContain(token);
    const sent = JSON.stringify([slack.posts, slack.ephemerals]);
    expect(sent).not.toContain(slack.botToken);
    expect(sent).not.toContain(slack.appToken);
  });
});
