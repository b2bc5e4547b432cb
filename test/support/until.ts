/**
 * Polls `probe` until it returns (or resolves to) something truthy, or fails naming `what` after
 * `timeoutMs`. An asynchronous probe (a chat turn) is awaited before the next try.
 */
export async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
