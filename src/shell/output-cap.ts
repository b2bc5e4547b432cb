/**
 * Keeps a command's output within a byte budget: the beginning and the end (where errors and
 * summaries usually are), with a note saying how much of the middle was left out. Memory stays
 * bounded however much a command prints.
 */

/** One stream's output, capped. */
export interface CappedText {
  text: string;
  /** Bytes the command wrote in all. */
  totalBytes: number;
  /** Bytes left out of `text`. */
  omittedBytes: number;
}

function isContinuationByte(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

/** Collects one output stream, keeping at most `limit` bytes (half from the start, half from the end). */
export class OutputCap {
  readonly #headLimit: number;
  readonly #tailLimit: number;
  readonly #head: Buffer[] = [];
  #headBytes = 0;
  readonly #tail: Buffer[] = [];
  #tailBytes = 0;
  #total = 0;

  constructor(limit: number) {
    this.#headLimit = Math.ceil(limit / 2);
    this.#tailLimit = limit - this.#headLimit;
  }

  push(data: Buffer | string): void {
    let chunk = typeof data === 'string' ? Buffer.from(data) : data;
    this.#total += chunk.length;
    const room = this.#headLimit - this.#headBytes;
    if (room > 0) {
      this.#head.push(chunk.subarray(0, room));
      this.#headBytes += Math.min(room, chunk.length);
      chunk = chunk.subarray(room);
    }
    if (chunk.length === 0) return;
    this.#tail.push(chunk);
    this.#tailBytes += chunk.length;
    while (this.#tail.length > 1 && this.#tailBytes - (this.#tail[0]?.length ?? 0) >= this.#tailLimit) {
      this.#tailBytes -= this.#tail.shift()?.length ?? 0;
    }
  }

  /** The kept output as text; a character cut at either edge of the gap is dropped. */
  result(): CappedText {
    const head = Buffer.concat(this.#head);
    let tail = Buffer.concat(this.#tail);
    if (tail.length > this.#tailLimit) tail = tail.subarray(tail.length - this.#tailLimit);
    const omittedBytes = this.#total - head.length - tail.length;
    if (omittedBytes === 0) return { text: new TextDecoder().decode(Buffer.concat([head, tail])), totalBytes: this.#total, omittedBytes };
    // stream: true holds back an incomplete last character of the head.
    const start = new TextDecoder().decode(head, { stream: true });
    let skip = 0;
    while (skip < 3 && isContinuationByte(tail[skip])) skip++;
    const end = new TextDecoder().decode(tail.subarray(skip));
    return { text: `${start}\n[… ${omittedBytes} bytes left out …]\n${end}`, totalBytes: this.#total, omittedBytes };
  }
}
