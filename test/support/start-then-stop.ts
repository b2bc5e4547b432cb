/**
 * A child process for the lifecycle tests: starts Majordome from the environment (as main.ts
 * does), stops it, and then does nothing — no process.exit — so the process ends by itself only
 * if nothing (socket, timer, database) was left open. Prints `started`, `stopped` or `failed: …`.
 */
import { loadConfig } from '../../src/config/load-config.js';
import { describeError } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import { startMajordome } from '../../src/main.js';

try {
  const majordome = await startMajordome(loadConfig(), createLogger('silent'), '127.0.0.1');
  console.log('started');
  await majordome.stop();
  console.log('stopped');
} catch (err) {
  console.log(`failed: ${describeError(err)}`);
}
