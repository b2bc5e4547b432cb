import { randomBytes, timingSafeEqual } from 'node:crypto';

/** What a button press asks. */
export interface ButtonPress {
  approvalId: string;
  nonce: string;
  decision: 'approve' | 'deny';
}

const PREFIX = 'ap';

/** Button data: `ap|<approval id>|<nonce>|y|n` (under Telegram's 64 bytes for a UUID id). */
export function encodeButton(press: ButtonPress): string {
  return [PREFIX, press.approvalId, press.nonce, press.decision === 'approve' ? 'y' : 'n'].join('|');
}

/** Reads button data; undefined for anything else. */
export function decodeButton(data: string): ButtonPress | undefined {
  const parts = data.split('|');
  if (parts.length !== 4 || parts[0] !== PREFIX) return undefined;
  const [, approvalId, nonce, answer] = parts as [string, string, string, string];
  if (!approvalId || !nonce || (answer !== 'y' && answer !== 'n')) return undefined;
  return { approvalId, nonce, decision: answer === 'y' ? 'approve' : 'deny' };
}

/** What to do with a press: decide, or answer with these words instead. */
export type PressVerdict = { decide: ButtonPress } | { answer: string };

/**
 * Judges a press before anything is decided. A press on an approval that already ended is told how
 * it ended (who decided, or that it expired) whatever its nonce: a button from before a restart,
 * or one pressed a moment after someone else decided elsewhere. Only a pending approval needs the
 * nonce we issued; anything else is a stale button.
 */
export function judgePress(data: string, nonces: ButtonNonces, closedAnswer: (approvalId: string) => { text: string } | undefined, stale: string): PressVerdict {
  const press = decodeButton(data);
  if (!press) return { answer: stale };
  const closed = closedAnswer(press.approvalId);
  if (closed) return { answer: closed.text };
  return nonces.check(press) ? { decide: press } : { answer: stale };
}

/**
 * Nonces of the approval buttons this process sent: a press counts only with the nonce of a
 * button we showed, so button data crafted from a leaked approval id does nothing.
 */
export class ButtonNonces {
  readonly #nonces = new Map<string, string>();

  /** A nonce for this approval's buttons (the same one for every message showing them). */
  issue(approvalId: string): string {
    const existing = this.#nonces.get(approvalId);
    if (existing) return existing;
    const nonce = randomBytes(6).toString('base64url');
    this.#nonces.set(approvalId, nonce);
    return nonce;
  }

  /** Whether the press carries the nonce we issued. */
  check(press: ButtonPress): boolean {
    const issued = this.#nonces.get(press.approvalId);
    if (!issued || issued.length !== press.nonce.length) return false;
    return timingSafeEqual(Buffer.from(issued), Buffer.from(press.nonce));
  }

  /** Once decided, the buttons are dead. */
  forget(approvalId: string): void {
    this.#nonces.delete(approvalId);
  }

  clear(): void {
    this.#nonces.clear();
  }
}
