/** Parent side of bench/peers-process.ts: starts it and talks to it over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakeRequestBody } from '../test/fake-llm/index.js';
import type { PeersReady, PeersReply, PeersRequest } from './peers-process.js';

/** The simulator and fake model of one home size, running in a child process. */
export interface Peers {
  simUrl: string;
  haToken: string;
  llmUrl: string;
  llmKey: string;
  setState(entityId: string, state: string): Promise<void>;
  /** Request bodies the fake model received since the last call. */
  takeRequests(): Promise<FakeRequestBody[]>;
  stop(): Promise<void>;
}

type Outgoing = PeersRequest extends infer R ? (R extends PeersRequest ? Omit<R, 'id'> : never) : never;

const ENTRY = fileURLToPath(new URL('./peers-process.ts', import.meta.url));

/** Forks the peers for a generated home of `entities` entities; resolves when both listen. */
export async function startPeers(entities: number): Promise<Peers> {
  const child: ChildProcess = fork(ENTRY, [String(entities)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, (reply: PeersReply) => void>();
  let nextId = 1;
  const ready = await new Promise<PeersReady>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench peers exited with code ${String(code)} before listening`)));
    child.on('message', (message: PeersReady | PeersReply) => {
      if ('type' in message) return resolve(message);
      waiting.get(message.id)?.(message);
      waiting.delete(message.id);
    });
  });
  const call = (request: Outgoing) =>
    new Promise<PeersReply>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      child.send({ ...request, id });
    });
  return {
    simUrl: ready.simUrl,
    haToken: ready.haToken,
    llmUrl: ready.llmUrl,
    llmKey: ready.llmKey,
    setState: async (entityId, state) => void (await call({ type: 'set_state', entityId, state })),
    takeRequests: async () => (await call({ type: 'take_requests' })).bodies ?? [],
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call({ type: 'stop' });
      await exited;
    },
  };
}
