import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TurnEvent } from '../../../src/channels/socket/protocol.js';
import { isCancellation } from '../common/error-advice.js';
import { ApiError, errorMessage } from '../data/api.js';
import type { StoredMessage } from '../data/conversations.js';
import { AckError, attachTurn, startTurn, stopTurn, type PanelSocket } from '../data/socket.js';
import {
  appendStopped,
  appendUserMessage,
  applyChatEvent,
  settle,
  transcriptFromHistory,
  type ChatEvent,
  type TranscriptItem,
} from '../data/transcript.js';

/** A failed turn, with the server's code (or `disconnected` / `timeout`). */
export interface ChatError {
  code: string;
  message: string;
}

/** What the chat view renders; replaced (never mutated) on every change. */
export interface ChatState {
  conversationId?: string;
  items: readonly TranscriptItem[];
  /** A turn is starting or running. */
  busy: boolean;
  /** The connection dropped while a turn ran: it goes on on the server, and the panel attaches again once back. */
  reconnecting?: boolean;
  loading: boolean;
  loadError?: string;
  error?: ChatError;
  /** Counts finished turns, so lists that depend on them know when to refresh. */
  turnsEnded: number;
}

/** What the controller needs from the outside. */
export interface ChatControllerDeps {
  socket: PanelSocket;
  /** The answer language passed to the agent (HA's, else the browser's), read at each message; undefined lets the server choose. */
  language?: () => string | undefined;
  loadConversation(id: string): Promise<{ messages: StoredMessage[] }>;
  /** The conversation changed under the controller (a new chat got its id, or a stale id was dropped). */
  onConversationChange(id: string | undefined): void;
  /** An approval appeared or was resolved in a turn. */
  onApprovalEvent(): void;
}

/**
 * One conversation over the socket: history, the running turn, Stop and Retry. Hosted by the app
 * so a turn keeps streaming while the user looks at another page.
 */
export class ChatController implements ReactiveController {
  state: ChatState = { items: [], busy: false, loading: false, turnsEnded: 0 };
  private turnId: string | undefined;
  /** Events that arrived before the acknowledgement named their turn. */
  private early: TurnEvent[] | undefined;
  /** Each send, stop and open supersedes the send before it. */
  private attempt = 0;
  /** A send the user stopped before its acknowledgement arrived. */
  private stoppedAttempt = -1;
  private lastMessage: string | undefined;
  private loadGeneration = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deps: ChatControllerDeps,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.deps.socket.on('chat:event', this.onTurnEvent);
    this.deps.socket.on('disconnect', this.onDisconnect);
    this.deps.socket.on('connect', this.onConnect);
  }

  hostDisconnected(): void {
    this.deps.socket.off('chat:event', this.onTurnEvent);
    this.deps.socket.off('disconnect', this.onDisconnect);
    this.deps.socket.off('connect', this.onConnect);
  }

  /**
   * Shows a stored conversation, or a new empty chat without an id. A turn still running in it
   * (started in another tab, or before this page was closed) shows its progress, its pending
   * approval and then its answer as it arrives.
   */
  async open(conversationId: string | undefined, opts: { reload?: boolean } = {}): Promise<void> {
    if (!opts.reload && conversationId !== undefined && conversationId === this.state.conversationId) return;
    this.forgetTurn();
    const attempt = ++this.attempt;
    const generation = ++this.loadGeneration;
    this.update({ conversationId, items: [], busy: false, reconnecting: false, loading: conversationId !== undefined, loadError: undefined, error: undefined });
    if (conversationId === undefined) return;
    try {
      const { messages } = await this.deps.loadConversation(conversationId);
      if (generation !== this.loadGeneration) return;
      this.update({ items: transcriptFromHistory(messages), loading: false });
      await this.attach(conversationId, attempt);
    } catch (err) {
      if (generation !== this.loadGeneration) return;
      if (err instanceof ApiError && err.status === 404) {
        // Deleted, or another user's: start afresh rather than show a dead end.
        this.update({ conversationId: undefined, loading: false });
        this.deps.onConversationChange(undefined);
        return;
      }
      this.update({ loading: false, loadError: errorMessage(err) });
    }
  }

  /** Follows the turn running in the conversation, if any: its events so far, then the rest. */
  private async attach(conversationId: string, attempt: number): Promise<void> {
    if (!this.deps.socket.connected) return;
    this.early = [];
    let running: { turnId: string; message: string } | undefined;
    try {
      running = await attachTurn(this.deps.socket, conversationId);
    } catch {
      running = undefined;
    }
    if (attempt !== this.attempt) return;
    const early = this.early ?? [];
    this.early = undefined;
    if (!running) return;
    this.turnId = running.turnId;
    this.update({ items: appendUserMessage(this.state.items, running.message), busy: true });
    for (const event of early) if (event.turn_id === running.turnId) this.apply(event.event);
  }

  /** Sends a message and starts a turn. */
  async send(text: string): Promise<void> {
    const message = text.trim();
    if (message === '' || this.state.busy) return;
    this.lastMessage = message;
    this.update({ items: appendUserMessage(this.state.items, message), busy: true, error: undefined });
    const attempt = ++this.attempt;
    this.early = [];
    const conversationId = this.state.conversationId;
    const language = this.deps.language?.();
    try {
      const started = await startTurn(this.deps.socket, {
        message,
        ...(conversationId !== undefined && { conversation_id: conversationId }),
        ...(language !== undefined && { language }),
      });
      const turnId = started.turnId;
      if (attempt === this.stoppedAttempt) void stopTurn(this.deps.socket, turnId).catch(() => undefined);
      if (attempt !== this.attempt) return;
      const early = this.early ?? [];
      this.early = undefined;
      this.turnId = turnId;
      // A new conversation has its id from now on, so a reload or another tab finds the turn.
      if (started.conversationId !== this.state.conversationId) {
        this.update({ conversationId: started.conversationId });
        this.deps.onConversationChange(started.conversationId);
      }
      for (const event of early) if (event.turn_id === turnId) this.apply(event.event);
    } catch (err) {
      if (attempt !== this.attempt) return;
      const code = err instanceof AckError ? err.code : 'internal';
      this.fail({ code, message: errorMessage(err) });
    }
  }

  /** Stops the running turn; whatever the server still sends for it is ignored. */
  stop(): void {
    if (!this.state.busy) return;
    const turnId = this.turnId;
    if (this.early) this.stoppedAttempt = this.attempt;
    this.attempt += 1;
    this.forgetTurn();
    this.update({ items: appendStopped(this.state.items), busy: false, turnsEnded: this.state.turnsEnded + 1 });
    if (turnId) void stopTurn(this.deps.socket, turnId).catch(() => undefined);
  }

  /** Sends the last message again after an error. */
  retry(): void {
    if (this.lastMessage !== undefined) void this.send(this.lastMessage);
  }

  dismissError(): void {
    this.update({ error: undefined });
  }

  private readonly onTurnEvent = (event: TurnEvent): void => {
    if (this.early) {
      this.early.push(event);
      return;
    }
    if (this.turnId !== undefined && event.turn_id === this.turnId) this.apply(event.event);
  };

  // The turn runs on on the server: once the socket is back, the conversation is read again and
  // the turn, if still running, attached. Only a turn not yet acknowledged is lost with the socket.
  private readonly onDisconnect = (): void => {
    if (!this.state.busy) return;
    if (this.turnId === undefined || this.state.conversationId === undefined) {
      this.fail({ code: 'disconnected', message: 'Disconnected.' });
      return;
    }
    this.forgetTurn();
    this.attempt += 1;
    this.update({ reconnecting: true });
  };

  // A page opened on a conversation reads its history before the socket is up: the running turn,
  // if any, is attached once it is.
  private readonly onConnect = (): void => {
    const { conversationId, reconnecting, busy, loading } = this.state;
    if (reconnecting) void this.open(conversationId, { reload: true });
    else if (conversationId !== undefined && !busy && !loading && this.turnId === undefined) void this.attach(conversationId, this.attempt);
  };

  private apply(event: ChatEvent): void {
    const items = applyChatEvent(this.state.items, event);
    if (event.type === 'approval_required' || event.type === 'approval_resolved') this.deps.onApprovalEvent();
    if (event.type === 'done') {
      this.forgetTurn();
      const changed = event.conversation_id !== this.state.conversationId;
      this.update({ items, busy: false, conversationId: event.conversation_id, turnsEnded: this.state.turnsEnded + 1 });
      if (changed) this.deps.onConversationChange(event.conversation_id);
    } else if (event.type === 'error') {
      if (isCancellation(event.code)) {
        this.forgetTurn();
        this.update({ items: appendStopped(items), busy: false, turnsEnded: this.state.turnsEnded + 1 });
      } else {
        this.fail({ code: event.code ?? 'internal', message: event.message }, items);
      }
    } else {
      this.update({ items });
    }
  }

  private fail(error: ChatError, items: readonly TranscriptItem[] = this.state.items): void {
    this.forgetTurn();
    this.update({ items: settle(items), busy: false, error, turnsEnded: this.state.turnsEnded + 1 });
  }

  private forgetTurn(): void {
    this.turnId = undefined;
    this.early = undefined;
  }

  private update(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    this.host.requestUpdate();
  }
}
