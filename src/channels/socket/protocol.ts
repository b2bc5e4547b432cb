/**
 * The panel ⇄ server socket.io protocol (path `socket.io` relative to the ingress root). Shared by
 * the server (`src/channels/socket/`) and the panel (`panel/src/`); type-only, imports nothing
 * but the chat event shapes.
 */
import type { ChatEvent } from '../../contracts/chat-events.js';

/** Every acknowledgement: ok with data, or a readable error with a machine code. */
export type Ack<T> = ({ ok: true } & T) | { ok: false; error: string; code: string };

/** A chat event tagged with the turn it belongs to (a socket may run turns in several conversations). */
export interface TurnEvent {
  turn_id: string;
  event: ChatEvent;
}

/** Client → server. */
export interface ClientToServerEvents {
  /**
   * Starts a turn; events then arrive as `chat:event` with the returned turn_id. The turn belongs
   * to its conversation (`conversation_id`, chosen here for a new one): a socket that goes away
   * stops listening, never the turn.
   */
  'chat:send': (
    request: { message: string; conversation_id?: string; language?: string },
    ack: (reply: Ack<{ turn_id: string; conversation_id: string }>) => void,
  ) => void;
  /**
   * Attaches to the running turn of a conversation: the ack names it and its user message, then
   * its events so far and the rest arrive as `chat:event`. `not_found` when none runs.
   */
  'chat:attach': (request: { conversation_id: string }, ack: (reply: Ack<{ turn_id: string; message: string }>) => void) => void;
  /** Stops a running turn of this user (the model call and pending tools are cancelled). */
  'chat:stop': (request: { turn_id: string }, ack: (reply: Ack<object>) => void) => void;
}

/** Server → client. */
export interface ServerToClientEvents {
  'chat:event': (event: TurnEvent) => void;
  /** Something changed in the approvals this user can see (created, decided elsewhere, expired). */
  'approvals:changed': () => void;
  /** HA connection or model status changed; the panel refetches `/api/status`. */
  'status:changed': () => void;
}

/** One row of the security self-check, in the language the panel asked for. */
export interface SecurityCheckView {
  id: string;
  status: 'pass' | 'warn' | 'fail';
  title: string;
  /** What was found and how to fix it, in one sentence. */
  detail: string;
}

/** `GET /api/status`: what the panel's status page shows (identity required). */
export interface StatusReport {
  version: string;
  mode: 'addon' | 'standalone';
  user: { id: string; name?: string; display_name?: string; is_admin: boolean };
  ha: {
    connected: boolean;
    ha_version?: string;
    last_error?: string;
    since: number;
    entities?: number;
    /** The HA version Voice (Assist) needs, present only when the connected HA is older. */
    voice_needs_ha?: string;
  };
  llm: { provider: string; model: string | undefined; configured: boolean };
  capabilities: Array<{ name: string; enabled: boolean; tools: string[] }>;
  /** Today's model usage (home time zone), from `since` (local midnight). */
  usage?: {
    input_tokens: number;
    output_tokens: number;
    cache_read_tokens: number;
    turns: number;
    since: string;
    cache_write_tokens?: number;
    /** Model calls. */
    calls?: number;
    /** Estimated USD of the models with a known price. */
    cost_usd?: number;
    /** Tokens of models without a known price (not in cost_usd). */
    unpriced_tokens?: number;
    /** The daily caps; `reached` means turns stop until `resets_at`. */
    budget?: { usd: number | null; tokens: number | null; spent_usd: number; spent_tokens: number; reached: boolean; reached_by?: 'usd' | 'tokens'; resets_at: string };
  };
  language: string;
  /** Whether approvals are wired (pending calls can be approved in the panel); absent on older servers. */
  approvals?: { enabled: boolean };
  /** The security self-check, failures first (administrators only; absent for everyone else). */
  security?: { checks: SecurityCheckView[] };
}
