/**
 * One TCP connection of the Wyoming server. HA opens a connection per request (`describe` when it
 * sets the service up, `transcript` for each turn); other clients may keep one open. Events are
 * answered in order; a broken client only ever loses its own connection.
 */
import type { Socket } from 'node:net';
import type { Logger } from '../../logger.js';
import { encodeEvent, FrameParser, type FrameLimits, type WyomingEvent } from './framing.js';
import { parseTranscript } from './transcript.js';
import { voiceMessages } from './voice-messages.js';
import type { VoiceAnswer, VoiceTurn } from './voice-turn.js';
import type { VoiceRequest } from './transcript.js';

/** What a connection needs from its server. */
export interface ConnectionDeps {
  logger: Logger;
  limits: FrameLimits;
  idleTimeoutMs: number;
  defaultLanguage: string;
  /** The `data` of `info`. */
  info: Record<string, unknown>;
  /** Starts a voice turn, or returns undefined when too many are running. */
  startTurn(request: VoiceRequest, client: AbortSignal): VoiceTurn | undefined;
}

// A client sending nothing but noise is not a Wyoming client.
const MAX_GARBAGE_LINES = 16;
// Transcripts waiting behind the running one on the same connection.
const MAX_QUEUED_TRANSCRIPTS = 4;

/** Serves one socket until it closes. */
export class WyomingConnection {
  readonly #socket: Socket;
  readonly #deps: ConnectionDeps;
  readonly #parser: FrameParser;
  readonly #gone = new AbortController();
  #queue: Promise<void> = Promise.resolve();
  #queued = 0;
  #garbage = 0;
  #closing = false;

  constructor(socket: Socket, deps: ConnectionDeps) {
    this.#socket = socket;
    this.#deps = deps;
    this.#parser = new FrameParser(deps.limits);
  }

  /** Starts reading; `closed` settles when the socket is gone. */
  start(): Promise<void> {
    const socket = this.#socket;
    socket.setNoDelay(true);
    socket.setTimeout(this.#deps.idleTimeoutMs);
    socket.on('timeout', () => {
      if (this.#queued > 0) return;
      this.#deps.logger.debug({ halfFrame: this.#parser.midFrame }, 'closing an idle Wyoming connection');
      socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    // The server allows half-open sockets: a client that ends its side still gets its answers.
    socket.on('end', () => {
      void this.#queue.then(() => socket.end());
    });
    socket.on('error', (err) => this.#deps.logger.debug({ err: err.message }, 'Wyoming connection error'));
    return new Promise((resolve) =>
      socket.once('close', () => {
        this.#gone.abort();
        resolve();
      }),
    );
  }

  /** Closes the socket at once. */
  destroy(): void {
    this.#socket.destroy();
  }

  #receive(chunk: Buffer): void {
    for (const result of this.#parser.push(chunk)) {
      if (this.#closing) return;
      if (result.kind === 'event') {
        this.#dispatch(result.event);
      } else if (result.kind === 'garbage') {
        this.#deps.logger.debug({ reason: result.reason }, 'skipped a line that is not a Wyoming event');
        if (++this.#garbage > MAX_GARBAGE_LINES) this.#fail('too many lines that are not Wyoming events', 'bad-frames');
      } else {
        this.#deps.logger.warn({ reason: result.reason }, 'closing a Wyoming connection: frame too large');
        this.#fail(`frame too large: ${result.reason}`, 'frame-too-large');
      }
    }
  }

  #dispatch(event: WyomingEvent): void {
    switch (event.type) {
      case 'describe':
        this.#write({ type: 'info', data: this.#deps.info });
        return;
      case 'ping':
        this.#write({ type: 'pong', data: typeof event.data['text'] === 'string' ? { text: event.data['text'] } : {} });
        return;
      case 'transcript':
        this.#enqueueTranscript(event.data);
        return;
      default:
        // Audio, wake words and other programs' events are not for a handle service.
        this.#deps.logger.debug({ type: event.type }, 'ignored a Wyoming event');
    }
  }

  #enqueueTranscript(data: Record<string, unknown>): void {
    const request = parseTranscript(data);
    const words = voiceMessages(request?.language ?? this.#deps.defaultLanguage);
    if (!request) {
      this.#answer({ type: 'not-handled', text: words.notUnderstood });
      return;
    }
    if (this.#queued >= MAX_QUEUED_TRANSCRIPTS) {
      this.#answer({ type: 'not-handled', text: words.busy });
      return;
    }
    this.#queued++;
    this.#queue = this.#queue
      .then(() => this.#runTranscript(request, words.busy))
      .finally(() => {
        this.#queued--;
      });
  }

  async #runTranscript(request: VoiceRequest, busyText: string): Promise<void> {
    if (this.#gone.signal.aborted) return;
    const turn = this.#deps.startTurn(request, this.#gone.signal);
    this.#answer(turn ? await turn.answer : { type: 'not-handled', text: busyText });
  }

  #answer(answer: VoiceAnswer): void {
    this.#write({ type: answer.type, data: { text: answer.text } });
  }

  #write(event: WyomingEvent): void {
    if (this.#socket.destroyed || !this.#socket.writable) return;
    this.#socket.write(encodeEvent(event));
  }

  #fail(text: string, code: string): void {
    this.#closing = true;
    this.#write({ type: 'error', data: { text, code } });
    this.#socket.end();
    // A client that never reads must not keep the socket open.
    this.#socket.setTimeout(1000, () => this.#socket.destroy());
  }
}
