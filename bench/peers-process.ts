/**
 * Child process of the bench: the HA simulator (a generated home) and the fake Anthropic API
 * playing a scripted home agent. Kept out of the measured process so their CPU and memory do
 * not count as Majordome's. Driven over the IPC channel by bench/peers.ts.
 */
import { pathToFileURL } from 'node:url';
import { createHomeAssistantResponder, startFakeAnthropic, type FakeRequestBody } from '../test/fake-llm/index.js';
import { generateHome, startHaSim } from '../test/ha-sim/index.js';

/** Sent once both servers listen. */
export interface PeersReady {
  type: 'ready';
  simUrl: string;
  haToken: string;
  llmUrl: string;
  llmKey: string;
}

/** Requests from the parent; each is answered by a PeersReply with the same id. */
export type PeersRequest =
  | { id: number; type: 'set_state'; entityId: string; state: string }
  | { id: number; type: 'take_requests' }
  | { id: number; type: 'stop' };

/** Answer to a PeersRequest. */
export interface PeersReply {
  id: number;
  bodies?: FakeRequestBody[];
}

async function run(entities: number): Promise<void> {
  const send = (message: PeersReady | PeersReply) => process.send?.(message);
  const sim = await startHaSim({ home: generateHome(entities, 1) });
  const llm = await startFakeAnthropic({ fallback: createHomeAssistantResponder() });
  let taken = 0;
  let stopping: Promise<unknown> | undefined;
  const stopAll = () => (stopping ??= Promise.allSettled([llm.stop(), sim.stop()]));
  process.on('message', (message: PeersRequest) => {
    if (message.type === 'set_state') {
      sim.setState(message.entityId, message.state);
      send({ id: message.id });
    } else if (message.type === 'take_requests') {
      const bodies = llm.requests.slice(taken).map((r) => r.body);
      taken = llm.requests.length;
      send({ id: message.id, bodies });
    } else {
      void stopAll().then(() => {
        send({ id: message.id });
        process.disconnect?.();
      });
    }
  });
  // The parent going away (crash, Ctrl-C) must not leave the servers running.
  process.once('disconnect', () => void stopAll().then(() => process.exit(0)));
  send({ type: 'ready', simUrl: sim.url, haToken: sim.adminToken, llmUrl: llm.url, llmKey: llm.apiKey });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run(Number(process.argv[2] ?? '500')).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
