import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ChatEventSink } from '../../../../src/contracts/chat-events.js';
import type { TurnRequest } from '../../../../src/contracts/turns.js';
import { ButtonNonces } from '../../../../src/channels/messenger/approval-buttons.js';
import { runMessengerTurn, type MessengerAsk, type MessengerSurface } from '../../../../src/channels/messenger/messenger-turn.js';
import { MajordomeError } from '../../../../src/errors.js';

const logger = pino({ level: 'silent' });
const user = { id: 'u1', via: 'bearer' as const };

/** A chat that records what the turn shows in it; `failApproval` makes posting an approval fail. */
function recordingChat(failApproval = false) {
  const shown: string[] = [];
  const surface: MessengerSurface<number> = {
    postAnswer: async (text) => void shown.push(`answer: ${text}`),
    updateAnswer: async (text) => void shown.push(`edit: ${text}`),
    postApproval: async (approvalId, _nonce, summary) => {
      if (failApproval) throw new Error('chat unreachable');
      shown.push(`approval ${approvalId}: ${summary}`);
      return 7;
    },
    resolveApproval: async (message, summary, decision, by) => void shown.push(`resolved #${message}: ${summary} ${decision} by ${by}`),
    toolSucceeded: async (call) => void shown.push(`tool ok: ${call.name}`),
  };
  return { shown, surface };
}

function links() {
  const linked = new Map<string, string>();
  return { linked, conversationOf: (_c: string, key: string) => linked.get(key), link: (_c: string, key: string, id: string) => void linked.set(key, id) };
}

const ask: MessengerAsk = { channel: 'telegram', label: 'Telegram', chatKey: '42:u1', text: 'open the garage', user, words: { noAnswer: '(none)', failed: 'Something went wrong.' } };

describe('a messenger turn (Telegram and Slack alike)', () => {
  it('shows the approval, then how it ended, answers once and links the chat to the conversation', async () => {
    const { shown, surface } = recordingChat();
    const chatLinks = links();
    const nonces = new ButtonNonces();
    const requests: TurnRequest[] = [];
    const agent = {
      runTurn: async (request: TurnRequest, sink: ChatEventSink) => {
        requests.push(request);
        sink({ type: 'tool_call', id: 't1', name: 'call_service', input: {} });
        sink({ type: 'approval_required', approval_id: 'a1', tool: 'call_service', summary: 'Open the garage', input: {} });
        await new Promise((resolve) => setTimeout(resolve, 5));
        sink({ type: 'approval_resolved', approval_id: 'a1', decision: 'approve', by: 'Ada' });
        sink({ type: 'tool_result', id: 't1', ok: true, summary: 'Opened' });
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { conversationId: 'c1', text: 'The garage is open.' };
      },
    };
    await runMessengerTurn({ agent, links: chatLinks, nonces, logger, editIntervalMs: 0 }, surface, ask, new AbortController().signal);
    expect(shown).toEqual(expect.arrayContaining(['approval a1: Open the garage', 'resolved #7: Open the garage approve by Ada', 'tool ok: call_service']));
    expect(shown.at(-1)).toBe('answer: The garage is open.');
    expect(shown).toHaveLength(4);
    expect(requests[0]).toMatchObject({ channel: 'telegram', text: 'open the garage', user });
    expect(chatLinks.linked.get('42:u1')).toBe('c1');
  });

  it('keeps answering when an approval cannot be posted, and says what failed', async () => {
    const { shown, surface } = recordingChat(true);
    const agent = {
      runTurn: async (_request: TurnRequest, sink: ChatEventSink) => {
        sink({ type: 'approval_required', approval_id: 'a1', tool: 'call_service', summary: 'Open the garage', input: {} });
        sink({ type: 'approval_resolved', approval_id: 'a1', decision: 'deny', by: 'Ada' });
        throw new MajordomeError('policy_denied', 'Ada denied: Open the garage.');
      },
    };
    await runMessengerTurn({ agent, links: links(), nonces: new ButtonNonces(), logger, editIntervalMs: 0 }, surface, ask, new AbortController().signal);
    expect(shown).toEqual(['answer: Ada denied: Open the garage.']);
  });

  it('answers a French chat with our error in French when the error carries words for it', async () => {
    const { shown, surface } = recordingChat();
    const agent = {
      runTurn: async () => {
        throw new MajordomeError('budget_reached', "Today's model budget is used up.", {
          words: (language) => (language === 'fr' ? 'Le budget du modèle pour aujourd’hui est épuisé.' : "Today's model budget is used up."),
        });
      },
    };
    const french: MessengerAsk = { ...ask, language: 'fr', words: { noAnswer: '(pas de réponse)', failed: 'Quelque chose s’est mal passé.' } };
    await runMessengerTurn({ agent, links: links(), nonces: new ButtonNonces(), logger, editIntervalMs: 0 }, surface, french, new AbortController().signal);
    expect(shown).toEqual(['answer: Le budget du modèle pour aujourd’hui est épuisé.']);
  });
});
