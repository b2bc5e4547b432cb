import { HaError } from '../../../src/errors.js';
import type { SimCore } from '../core.js';
import type { SimUser } from '../users.js';

/** What a command handler may do with its connection. */
export interface CommandConnection {
  readonly user: SimUser;
  readonly subscriptions: Map<number, () => void>;
  result(id: number, result?: unknown): void;
  event(id: number, event: unknown): void;
  error(id: number, code: string, message: string): void;
  /** Sends a message as is (pong). */
  send(message: Record<string, unknown>): void;
  setCoalesce(enabled: boolean): void;
}

/** A command message after the id/type checks. */
export type CommandMessage = Record<string, unknown> & { id: number; type: string };

/** One WebSocket command. */
export type CommandHandler = (conn: CommandConnection, msg: CommandMessage, core: SimCore) => void | Promise<void>;

/** Command table: type → handler. */
export type CommandTable = Record<string, CommandHandler>;

/** HA's `Unauthorized` → `unauthorized` / "Unauthorized". */
export function unauthorized(): HaError {
  return new HaError('ha_error', 'Unauthorized', 'unauthorized');
}

/** Wraps a handler with HA's `@require_admin`. */
export function requireAdmin(handler: CommandHandler): CommandHandler {
  return (conn, msg, core) => {
    if (!conn.user.is_admin) throw unauthorized();
    return handler(conn, msg, core);
  };
}

type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'strings' | 'any';

/** Python's repr() of a JSON value, for voluptuous-style messages. */
function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value).replace(/"/g, "'").replace(/\btrue\b/g, 'True').replace(/\bfalse\b/g, 'False').replace(/\bnull\b/g, 'None');
}

function matches(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'any':
      return true;
  }
}

const EXPECTED: Record<FieldType, string> = {
  string: 'expected str',
  number: 'expected float',
  boolean: 'expected bool',
  object: 'expected dict',
  strings: 'expected list',
  any: '',
};

/**
 * Validates a command against its schema like HA's `@websocket_command` (extra keys refused,
 * required keys checked) and answers `invalid_format` with voluptuous' humanized message.
 * Keys ending in `!` are required.
 */
export function checkSchema(msg: CommandMessage, schema: Record<string, FieldType>): void {
  const fields = new Map(Object.entries(schema).map(([key, type]) => [key.replace(/!$/, ''), { type, required: key.endsWith('!') }]));
  for (const [key, value] of Object.entries(msg)) {
    if (key === 'id' || key === 'type') continue;
    const field = fields.get(key);
    if (!field) throw new HaError('ha_error', `extra keys not allowed @ data['${key}']. Got ${pyRepr(value)}`, 'invalid_format');
    if (!matches(value, field.type)) {
      throw new HaError('ha_error', `${EXPECTED[field.type]} for dictionary value @ data['${key}']. Got ${pyRepr(value)}`, 'invalid_format');
    }
  }
  for (const [key, field] of fields) {
    if (field.required && !(key in msg)) throw new HaError('ha_error', `required key not provided @ data['${key}']. Got None`, 'invalid_format');
  }
}
