import { describe, expect, it } from 'vitest';
import type { TurnOutcome, TurnRequest } from '../../../../src/contracts/turns.js';
import type { ChatEventSink } from '../../../../src/contracts/chat-events.js';
import { ASSIST_USER, startVoiceTurn } from '../../../../src/channels/wyoming/voice-turn.js';
import { MajordomeError, ModelError } from '../../../../src/errors.js';
import { createLogger } from '../../../../src/logger.js';

/** A stand-in agent whose turn does what the test says. */
function agent(run: (request: TurnRequest, sink: ChatEventSink) => Promise<TurnOutcome>) {
  const seen: TurnRequest[] = [];
  return { seen, runTurn: (request: TurnRequest, sink: ChatEventSink) => (seen.push(request), run(request, sink)) };
}

const logger = createLogger('silent');
const signals = () => ({ client: new AbortController(), server: new AbortController() });
/** What the voice turn announced after answering early. */
type Announced = Array<{ message: string; title: string }>;

const start = (
  a: ReturnType<typeof agent>,
  s: ReturnType<typeof signals>,
  approvalWaitMs = 20,
  language?: string,
  extra: { approvalsOnPhone?: boolean; announced?: Announced } = {},
) =>
  startVoiceTurn(
    {
      agent: a,
      logger,
      defaultLanguage: 'en',
      approvalWaitMs,
      approvalsOnPhone: extra.approvalsOnPhone ?? false,
      announce: async (message, title) => void extra.announced?.push({ message, title }),
    },
    { text: 'hello', conversationId: 'c1', ...(language && { language }) },
    { client: s.client.signal, server: s.server.signal },
  );

/** Resolves once the turn's signal is aborted. */
const untilAborted = (signal: AbortSignal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));

describe('a voice turn', () => {
  it('runs as Assist on the wyoming channel and answers with plain speech', async () => {
    const a = agent(async () => ({ conversationId: 'c1', text: '**Done**: the lights are:\n- on\n- dimmed' }));
    const turn = start(a, signals());
    expect(await turn.answer).toEqual({ type: 'handled', text: 'Done: the lights are: on and dimmed.' });
    expect(a.seen[0]).toMatchObject({ user: ASSIST_USER, channel: 'wyoming', conversationId: 'c1', text: 'hello' });
  });

  it('says "done" when the model said nothing', async () => {
    const turn = start(agent(async () => ({ conversationId: 'c1', text: '' })), signals(), 20, 'fr-FR');
    expect(await turn.answer).toEqual({ type: 'handled', text: "C'est fait." });
  });

  it('answers not-handled with our own error message, and hides other errors', async () => {
    const failing = start(agent(async () => Promise.reject(new ModelError('model_not_configured', 'No model is configured.'))), signals());
    expect(await failing.answer).toEqual({ type: 'not-handled', text: 'No model is configured.' });
    const crashing = start(agent(async () => Promise.reject(new Error('secret stack detail'))), signals());
    expect(await crashing.answer).toEqual({ type: 'not-handled', text: 'Sorry, something went wrong.' });
  });

  it('says our own error in the speaker\'s language when it carries words for it, and that Majordome is stopping', async () => {
    const worded = new MajordomeError('budget_reached', "Today's model budget is used up.", {
      words: (language) => (language?.startsWith('fr') ? 'Le budget du jour est épuisé.' : "Today's model budget is used up."),
    });
    const spent = start(agent(async () => Promise.reject(worded)), signals(), 20, 'fr-FR');
    expect(await spent.answer).toEqual({ type: 'not-handled', text: 'Le budget du jour est épuisé.' });

    const s = signals();
    const a = agent((request) => untilAborted(request.signal).then(() => Promise.reject(request.signal.reason)));
    const stopping = start(a, s, 20, 'fr');
    s.server.abort();
    expect(await stopping.answer).toEqual({ type: 'not-handled', text: 'Majordome s’arrête.' });
  });

  it('cancels the turn when the client goes away before the answer', async () => {
    const s = signals();
    const a = agent((request) => untilAborted(request.signal).then(() => Promise.reject(new MajordomeError('cancelled', 'gone'))));
    const turn = start(a, s);
    s.client.abort();
    await turn.finished;
    expect(a.seen[0]?.signal.aborted).toBe(true);
  });

  it('a client that leaves while an approval is pending cancels nothing: the approval keeps waiting, and the outcome is announced', async () => {
    const s = signals();
    let decide: (() => void) | undefined;
    const a = agent(
      (request, sink) =>
        new Promise<TurnOutcome>((resolve, reject) => {
          sink({ type: 'approval_required', approval_id: 'ap1', tool: 'ha_call_service', summary: 'Unlock the front door', input: {} });
          request.signal.addEventListener('abort', () => reject(new MajordomeError('cancelled', 'stopped')), { once: true });
          decide = () => {
            sink({ type: 'approval_resolved', approval_id: 'ap1', decision: 'approve', by: 'Alice' });
            resolve({ conversationId: 'c1', text: 'The front door is unlocked.' });
          };
        }),
    );
    const announced: Announced = [];
    // The speaker would wait a minute for the decision; the client leaves long before.
    const turn = start(a, s, 60_000, undefined, { approvalsOnPhone: true, announced });
    s.client.abort();
    await turn.answer;
    expect(a.seen[0]?.signal.aborted).toBe(false);
    decide?.();
    await turn.finished;
    expect(announced).toEqual([{ message: 'The front door is unlocked.', title: expect.any(String) }]);
  });

  it('says it waits for an approval, then lets the turn go on after the client leaves, until the server stops', async () => {
    const s = signals();
    const a = agent((request, sink) => {
      sink({ type: 'approval_required', approval_id: 'ap1', tool: 'ha_call_service', summary: 'Unlock the front door', input: {} });
      return untilAborted(request.signal).then(() => Promise.reject(new MajordomeError('cancelled', 'stopped')));
    });
    const announced: Announced = [];
    const turn = start(a, s, 10, undefined, { announced });
    expect(await turn.answer).toEqual({ type: 'handled', text: "That needs your approval first: approve it in Majordome, in Home Assistant's sidebar." });
    s.client.abort();
    expect(a.seen[0]?.signal.aborted).toBe(false);
    s.server.abort();
    await turn.finished;
    expect(a.seen[0]?.signal.aborted).toBe(true);
    // Stopping the server is not an outcome to tell anyone about.
    expect(announced).toEqual([]);
  });

  it('with phones, says the approval waits on the phone, then announces how the request ended', async () => {
    let decide: (text: string) => void = () => undefined;
    const a = agent((_request, sink) => {
      sink({ type: 'approval_required', approval_id: 'ap3', tool: 'ha_call_service', summary: 'Unlock the front door', input: {} });
      return new Promise<TurnOutcome>((resolve) => (decide = (text) => resolve({ conversationId: 'c1', text })));
    });
    const announced: Announced = [];
    const turn = start(a, signals(), 10, undefined, { approvalsOnPhone: true, announced });
    expect(await turn.answer).toEqual({ type: 'handled', text: "That needs your approval: I'm waiting for it on your phone." });
    expect(announced).toEqual([]);
    decide('**The front door** is unlocked.');
    await turn.finished;
    expect(announced).toEqual([{ message: 'The front door is unlocked.', title: 'Majordome: your voice request' }]);
  });

  it('announces a failure after answering early, in the request language', async () => {
    let fail: () => void = () => undefined;
    const a = agent((_request, sink) => {
      sink({ type: 'approval_required', approval_id: 'ap4', tool: 'ha_call_service', summary: 'Ouvrir le portail', input: {} });
      return new Promise<TurnOutcome>((_resolve, reject) => (fail = () => reject(new Error('boom'))));
    });
    const announced: Announced = [];
    const turn = start(a, signals(), 10, 'fr-FR', { approvalsOnPhone: true, announced });
    expect((await turn.answer).text).toBe("Cela demande votre approbation : je l'attends sur votre téléphone.");
    fail();
    await turn.finished;
    expect(announced).toEqual([{ message: "Désolé, quelque chose s'est mal passé.", title: 'Majordome : votre demande vocale' }]);
  });

  it('answers normally when the approval is decided in time', async () => {
    const a = agent(async (_request, sink) => {
      sink({ type: 'approval_required', approval_id: 'ap2', tool: 'ha_call_service', summary: 'Unlock', input: {} });
      sink({ type: 'approval_resolved', approval_id: 'ap2', decision: 'approve', by: 'Alice' });
      await new Promise((resolve) => setTimeout(resolve, 30));
      return { conversationId: 'c1', text: 'The door is unlocked.' };
    });
    const announced: Announced = [];
    expect(await start(a, signals(), 5, undefined, { approvalsOnPhone: true, announced }).answer).toEqual({ type: 'handled', text: 'The door is unlocked.' });
    // The speaker said it: nothing to announce.
    expect(announced).toEqual([]);
  });
});
