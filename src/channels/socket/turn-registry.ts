import { randomUUID } from 'node:crypto';

/** A turn the socket channel is running. */
export interface RunningTurn {
  id: string;
  userId: string;
  socketId: string;
  controller: AbortController;
}

/** The turns in flight, so `chat:stop`, a disconnect or `stop()` can abort the right ones. */
export class TurnRegistry {
  readonly #turns = new Map<string, RunningTurn>();

  begin(userId: string, socketId: string): RunningTurn {
    const turn: RunningTurn = { id: randomUUID(), userId, socketId, controller: new AbortController() };
    this.#turns.set(turn.id, turn);
    return turn;
  }

  end(turnId: string): void {
    this.#turns.delete(turnId);
  }

  countForSocket(socketId: string): number {
    let count = 0;
    for (const turn of this.#turns.values()) if (turn.socketId === socketId) count++;
    return count;
  }

  /** Aborts a turn if `userId` owns it; false when there is no such turn of this user. */
  abortOwned(turnId: string, userId: string, reason: unknown): boolean {
    const turn = this.#turns.get(turnId);
    if (!turn || turn.userId !== userId) return false;
    turn.controller.abort(reason);
    return true;
  }

  abortSocket(socketId: string, reason: unknown): void {
    for (const turn of this.#turns.values()) if (turn.socketId === socketId) turn.controller.abort(reason);
  }

  abortAll(reason: unknown): void {
    for (const turn of this.#turns.values()) turn.controller.abort(reason);
  }
}
