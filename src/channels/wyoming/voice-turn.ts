/**
 * One voice turn: the transcript goes to the agent as the Assist identity, and the outcome becomes
 * `handled{text}` (a short spoken answer) or `not-handled{text}` (what went wrong, in words).
 */
import type { ChatEvent } from '../../contracts/chat-events.js';
import { MajordomeError, messageFor } from '../../errors.js';
import type { UserIdentity } from '../../contracts/identity.js';
import type { Logger } from '../../logger.js';
import { t } from '../../messages/messages.js';
import { toSpeech } from './to-speech.js';
import type { VoiceRequest } from './transcript.js';
import { voiceMessages } from './voice-messages.js';
import type { TurnRunner } from '../../contracts/turns.js';

/** Who speaks through Assist: HA's wyoming integration does not say which HA user it was. */
export const ASSIST_USER: UserIdentity = { id: 'assist', via: 'system', displayName: 'Assist' };

/** The answer sent back to HA. */
export interface VoiceAnswer {
  type: 'handled' | 'not-handled';
  text: string;
}

/** What one voice turn needs. */
export interface VoiceTurnDeps {
  agent: TurnRunner;
  logger: Logger;
  defaultLanguage: string;
  approvalWaitMs: number;
  /** Whether approvals go to phones (`approval_notify`): decides what the voice says while one waits. */
  approvalsOnPhone: boolean;
  /** Tells the household how a turn answered early ended (the voice has already spoken by then). */
  announce?: (message: string, title: string) => Promise<void>;
}

/** Signals that end a voice turn. */
export interface VoiceTurnSignals {
  /** The client went away: cancels the turn unless it was already answered or an approval is pending. */
  client: AbortSignal;
  /** The server stops: cancels the turn in every case. */
  server: AbortSignal;
}

/** The words for a failed turn, in `language`: our own errors are written for people; anything else is not shown. */
export function failureText(err: unknown, language: string | undefined): string {
  if (err instanceof MajordomeError) return toSpeech(messageFor(err, language), { language });
  return voiceMessages(language).failed;
}

/** A started voice turn. */
export interface VoiceTurn {
  /** The answer: when the turn ends, or earlier when an approval stays pending past `approvalWaitMs`. */
  answer: Promise<VoiceAnswer>;
  /** Settles when the turn itself is over (later than `answer` for a detached turn). */
  finished: Promise<void>;
}

/**
 * Starts the turn. A pending approval gets `approvalWaitMs` to be decided (on the phone, or in the
 * panel) while the speaker waits: decided in time, the voice answers with the outcome. Otherwise the
 * voice says where the approval waits, the turn is detached from the client and carries on until
 * someone decides, and its outcome is announced (`announce`) since nobody is listening any more.
 * A client that goes away while an approval is pending detaches the turn the same way: only a
 * decision, the approval's timeout or the server stopping ends it, never a dropped connection.
 */
export function startVoiceTurn(deps: VoiceTurnDeps, request: VoiceRequest, signals: VoiceTurnSignals, user: UserIdentity = ASSIST_USER): VoiceTurn {
  const language = request.language ?? deps.defaultLanguage;
  const words = voiceMessages(language);
  const controller = new AbortController();
  const cancel = (error: MajordomeError) => () => controller.abort(error);
  const cancelForClient = cancel(new MajordomeError('cancelled', 'The voice client went away.'));
  // Set while an approval is pending: lets the turn go on without the client.
  let detach: (() => void) | undefined;
  const onClientGone = () => (detach ? detach() : cancelForClient());
  const onServerStop = cancel(new MajordomeError('cancelled', 'Majordome is stopping.', { words: (lang) => t(lang, 'turn.shutting_down') }));
  signals.client.addEventListener('abort', onClientGone, { once: true });
  signals.server.addEventListener('abort', onServerStop, { once: true });

  let finished: Promise<void> = Promise.resolve();
  const answerPromise = new Promise<VoiceAnswer>((resolve) => {
    let answered = false;
    let approvalTimer: NodeJS.Timeout | undefined;
    const answer = (value: VoiceAnswer) => {
      if (answered) return;
      answered = true;
      clearTimeout(approvalTimer);
      signals.client.removeEventListener('abort', onClientGone);
      resolve(value);
    };
    const sink = (event: ChatEvent) => {
      if (event.type === 'approval_required' && approvalTimer === undefined) {
        const stopWaiting = (why: string) => () => {
          deps.logger.info({ approvalId: event.approval_id, why }, 'voice turn answered while its approval is pending');
          answer({ type: 'handled', text: deps.approvalsOnPhone ? words.approvalOnPhone : words.approvalInPanel });
        };
        detach = stopWaiting('the client went away');
        approvalTimer = setTimeout(stopWaiting('the speaker waited long enough'), deps.approvalWaitMs);
      } else if (event.type === 'approval_resolved') {
        clearTimeout(approvalTimer);
        approvalTimer = undefined;
        detach = undefined;
      }
    };
    if (signals.client.aborted) onClientGone();
    if (signals.server.aborted) onServerStop();
    finished = deps.agent
      .runTurn(
        {
          text: request.text,
          ...(request.conversationId !== undefined && { conversationId: request.conversationId }),
          ...(request.language !== undefined && { language: request.language }),
          user,
          channel: 'wyoming',
          signal: controller.signal,
        },
        sink,
      )
      .then(
        (outcome) => ({ type: 'handled' as const, text: toSpeech(outcome.text, { language }) || words.done }),
        (err: unknown) => {
          if (!(err instanceof MajordomeError)) deps.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'voice turn failed');
          return { type: 'not-handled' as const, text: failureText(err, language) };
        },
      )
      .then(async (outcome) => {
        if (!answered) return answer(outcome);
        // Answered early: the speaker said the approval waits. A stop of the server is not an outcome.
        if (signals.server.aborted || !deps.announce) return;
        await deps.announce(outcome.text, words.outcomeTitle).catch((err: unknown) => {
          deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not announce the outcome of a voice request');
        });
      })
      .finally(() => signals.server.removeEventListener('abort', onServerStop));
  });
  return { answer: answerPromise, finished };
}
