/**
 * One Slack message becomes one agent turn, answered in its thread: the answer streams into one
 * reply (throttled chat.update), each approval is a Block Kit message with buttons, updated once decided.
 */
import type { webApi } from '@slack/bolt';
import type { ChatEvent } from '../../contracts/chat-events.js';
import { MajordomeError } from '../../errors.js';
import type { UserIdentity } from '../../contracts/identity.js';
import type { Logger } from '../../logger.js';
import type { ButtonNonces } from '../messenger/approval-buttons.js';
import type { ChatLinks } from '../messenger/chat-deps.js';
import { StreamingReply } from '../messenger/streaming-reply.js';
import { approvalBlocks, resolvedText } from './slack-blocks.js';
import type { TurnRunner } from '../../contracts/turns.js';

/** What a Slack turn needs. */
export interface SlackTurnDeps {
  client: webApi.WebClient;
  agent: TurnRunner;
  links: ChatLinks;
  nonces: ButtonNonces;
  logger: Logger;
  editIntervalMs: number;
}

/** The message that asked, and the thread the answer goes to. */
export interface SlackAsk {
  channel: string;
  threadTs: string;
  text: string;
  user: UserIdentity;
}

/** The conversation key of a thread: per thread and per person (conversations belong to one user). */
export function threadKeyOf(ask: Pick<SlackAsk, 'channel' | 'threadTs' | 'user'>): string {
  return `${ask.channel}:${ask.threadTs}:${ask.user.id}`;
}

/** Slack's words for a failed turn. */
export const SLACK_FAILED = 'Something went wrong; the details are in the Majordome log.';

/** Runs the turn and answers in the thread; never throws. */
export async function runSlackTurn(deps: SlackTurnDeps, ask: SlackAsk, signal: AbortSignal): Promise<void> {
  const { client, logger } = deps;
  const where = { channel: ask.channel, thread_ts: ask.threadTs };
  const onError = (err: unknown) => logger.warn({ err: err instanceof Error ? err.message : 'unknown error' }, 'could not send to Slack');
  let answerTs: string | undefined;
  const reply = new StreamingReply(
    {
      post: async (text) => {
        answerTs = (await client.chat.postMessage({ ...where, text })).ts;
      },
      update: async (text) => {
        if (answerTs) await client.chat.update({ channel: ask.channel, ts: answerTs, text });
      },
    },
    { intervalMs: deps.editIntervalMs, fallback: '(no answer)', onError },
  );
  const approvals = new Map<string, { ts: Promise<string | undefined>; summary: string }>();

  const sink = (event: ChatEvent): void => {
    if (event.type === 'text') reply.append(event.delta);
    else if (event.type === 'approval_required') {
      const nonce = deps.nonces.issue(event.approval_id);
      const ts = client.chat
        .postMessage({ ...where, text: `Approval needed: ${event.summary}`, blocks: approvalBlocks(event.summary, event.approval_id, nonce) })
        .then(
          (posted) => posted.ts,
          (err: unknown) => {
            onError(err);
            return undefined;
          },
        );
      approvals.set(event.approval_id, { ts, summary: event.summary });
    } else if (event.type === 'approval_resolved') {
      deps.nonces.forget(event.approval_id);
      const shown = approvals.get(event.approval_id);
      if (!shown) return;
      const text = resolvedText(shown.summary, event.decision, event.by);
      void shown.ts
        .then(async (ts) => {
          if (ts) await client.chat.update({ channel: ask.channel, ts, text, blocks: [] });
        })
        .catch(onError);
    }
  };

  const conversationId = deps.links.conversationOf('slack', threadKeyOf(ask));
  try {
    const outcome = await deps.agent.runTurn({ text: ask.text, ...(conversationId !== undefined && { conversationId }), user: ask.user, channel: 'slack', signal }, sink);
    deps.links.link('slack', threadKeyOf(ask), outcome.conversationId);
    await reply.finish(outcome.text);
  } catch (err) {
    if (!(err instanceof MajordomeError)) logger.error({ err: err instanceof Error ? err.message : String(err) }, 'Slack turn failed');
    if (signal.aborted) return;
    await reply.finish(err instanceof MajordomeError ? err.message : SLACK_FAILED);
  } finally {
    for (const id of approvals.keys()) deps.nonces.forget(id);
  }
}
