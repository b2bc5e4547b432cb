/** The demo's port check: a busy port is one clear line (and what to do), not a stack trace halfway through start-up. */
import { createServer } from 'node:net';

/** Resolves when `port` can be listened on; otherwise rejects with a sentence that suggests `--port`. */
export function checkPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      const next = port + 1;
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `port ${port} is already in use (another demo, or Majordome itself?): stop it, or choose another port with --port ${next}`
            : `port ${port} cannot be used (${err.code ?? err.message}): choose another one with --port ${next}`,
        ),
      );
    });
    probe.listen(port, () => probe.close(() => resolve()));
  });
}
