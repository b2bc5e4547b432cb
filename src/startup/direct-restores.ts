import type { Agent } from '../agent/agent.js';
import type { ConfigVersionsAccess } from '../channels/http/deps.js';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ConfigVersionStore } from '../store/config-versions.js';

/**
 * The panel's versions list and its "Restore": a restore runs as the person's own
 * `ha_restore_<kind>` call through the agent's tool runner, so the policy asks for it and the
 * audit log records it like one the model made. It answers nobody: the approval and the audit say
 * what became of it.
 */
export function directRestores(agent: Pick<Agent, 'runDirectCall'>, versions: ConfigVersionStore, logger: Logger): ConfigVersionsAccess {
  return {
    recent: () => versions.recent(),
    restore(user, kind, id, version) {
      const call = { tool: `ha_restore_${kind}`, input: { id, version }, user, channel: 'panel' };
      agent.runDirectCall(call, new AbortController().signal).then(
        (result) => logger.info({ kind, id, version, ok: result.ok }, 'restore from the panel finished'),
        (err: unknown) => logger.error({ err: describeError(err), kind, id, version }, 'restore from the panel failed'),
      );
    },
  };
}
