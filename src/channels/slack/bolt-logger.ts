import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';

function line(parts: unknown[]): string {
  return parts.map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
}

/**
 * Bolt's and Socket Mode's logger on top of ours: their chatter goes to debug, their warnings and
 * errors stay visible; our logger redacts the configured tokens.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  return {
    debug: (...parts: unknown[]) => logger.debug(line(parts)),
    info: (...parts: unknown[]) => logger.debug(line(parts)),
    warn: (...parts: unknown[]) => logger.warn(line(parts)),
    error: (...parts: unknown[]) => logger.error(line(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
