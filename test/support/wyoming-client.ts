/**
 * A Wyoming client for tests, written from the protocol (rhasspy/wyoming `event.py`, and how HA's
 * wyoming integration talks to a handle service), not from Majordome's server: read a JSON line,
 * then exactly `data_length` bytes merged over `data`, then exactly `payload_length` bytes.
 */
import { connect, type Socket } from 'node:net';

/** One event as read off the wire. */
export interface WireEvent {
  type: string;
  data: Record<string, unknown>;
  payload?: Buffer;
  /** The header line as received, to check the framing itself. */
  header: Record<string, unknown>;
}

/** How `data` travels: in the header line, or as a separate block like HA writes it. */
export type DataForm = 'inline' | 'data_length';

/** A TCP connection to a Wyoming service. */
export class WyomingClient {
  readonly #socket: Socket;
  #bytes: Buffer = Buffer.alloc(0);
  #closed = false;
  #wake: (() => void) | undefined;
  /** Settles when the server closes the connection. */
  readonly closed: Promise<void>;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#bytes = Buffer.concat([this.#bytes, chunk]);
      this.#wake?.();
    });
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.#closed = true;
        this.#wake?.();
        resolve();
      }),
    );
    socket.on('error', () => undefined);
  }

  /** Opens a connection. */
  static async connect(port: number, host = '127.0.0.1'): Promise<WyomingClient> {
    const socket = connect({ port, host });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new WyomingClient(socket);
  }

  /** Writes one event; `data_length` form by default, as the Python library (and so HA) does. */
  send(type: string, data: Record<string, unknown> = {}, form: DataForm = 'data_length', payload?: Buffer): void {
    const header: Record<string, unknown> = { type, version: '1.7.2' };
    const hasData = Object.keys(data).length > 0;
    const block = hasData && form === 'data_length' ? Buffer.from(JSON.stringify(data)) : undefined;
    if (hasData && form === 'inline') header['data'] = data;
    if (block) header['data_length'] = block.length;
    if (payload) header['payload_length'] = payload.length;
    this.#socket.write(Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), block ?? Buffer.alloc(0), payload ?? Buffer.alloc(0)]));
  }

  /** Writes raw bytes (garbage, half frames). */
  sendRaw(bytes: string | Buffer): void {
    this.#socket.write(bytes);
  }

  /** Reads the next event; rejects when the connection closes first or after `timeoutMs`. */
  async read(timeoutMs = 10_000): Promise<WireEvent> {
    const deadline = Date.now() + timeoutMs;
    const line = await this.#readUntilNewline(deadline);
    const header = JSON.parse(line) as Record<string, unknown>;
    let data = (header['data'] as Record<string, unknown> | undefined) ?? {};
    const dataLength = Number(header['data_length'] ?? 0);
    if (dataLength > 0) data = { ...data, ...(JSON.parse((await this.#readExactly(dataLength, deadline)).toString('utf8')) as Record<string, unknown>) };
    const payloadLength = Number(header['payload_length'] ?? 0);
    const payload = payloadLength > 0 ? await this.#readExactly(payloadLength, deadline) : undefined;
    return { type: String(header['type']), data, header, ...(payload && { payload }) };
  }

  /** Closes our writing side (the server may still answer). */
  end(): void {
    this.#socket.end();
  }

  destroy(): void {
    this.#socket.destroy();
  }

  /** Drops the connection with a TCP reset (a client that crashed or lost its network). */
  reset(): void {
    this.#socket.resetAndDestroy();
  }

  async #readUntilNewline(deadline: number): Promise<string> {
    for (;;) {
      const at = this.#bytes.indexOf(0x0a);
      if (at >= 0) {
        const line = this.#bytes.subarray(0, at).toString('utf8');
        this.#bytes = this.#bytes.subarray(at + 1);
        return line;
      }
      await this.#more(deadline);
    }
  }

  async #readExactly(n: number, deadline: number): Promise<Buffer> {
    while (this.#bytes.length < n) await this.#more(deadline);
    const out = this.#bytes.subarray(0, n);
    this.#bytes = this.#bytes.subarray(n);
    return out;
  }

  async #more(deadline: number): Promise<void> {
    if (this.#closed) throw new Error('connection closed');
    const left = deadline - Date.now();
    if (left <= 0) throw new Error('no event in time');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, left);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
    });
  }
}

/** One request the way HA's conversation agent makes it: connect, write a transcript, read the answer. */
export async function sendTranscript(
  port: number,
  data: { text: string; language?: string; context?: Record<string, unknown> },
  form: DataForm = 'data_length',
): Promise<WireEvent> {
  const client = await WyomingClient.connect(port);
  try {
    client.send('transcript', data, form);
    for (;;) {
      const event = await client.read();
      if (event.type === 'handled' || event.type === 'not-handled' || event.type === 'error') return event;
    }
  } finally {
    client.destroy();
  }
}
