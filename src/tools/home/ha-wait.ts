/**
 * The home tools' side of a blip of HA's connection: a call waits for HA to come back (telling
 * the person once), and a call lost on the way is reported from the states seen afterwards.
 */
import type { HaCallOptions } from '../../ha/ha-connection.js';
import { HA_OUTCOME_UNKNOWN_MESSAGE } from '../../ha/ha-errors.js';
import type { EntitySummary } from '../../ha/entity-summary.js';
import { t } from '../../messages/messages.js';
import { errorResult, okResult, type ToolContext, type ToolResult } from '../tool.js';
import { describeOutcome, isAlreadySettled } from './call-outcome.js';
import type { HomeToolDeps } from './deps.js';
import { markFreeText } from './free-text.js';
import { stateWordingFor } from './state-wording.js';

const DEFAULT_SETTLE_MS = 1000;
const MAX_STATES = 20;

/** Said beside the states seen once HA was back, when the lost call shows its effect. */
const SEEN_AFTER_LOSS =
  'The connection to Home Assistant dropped before it answered; these are the states seen once it was back. It was not sent again.';

/** HA call options for one tool call: cancelled with the turn; the first wait shows "waiting for Home Assistant". */
export function haCallOptions(ctx: ToolContext): HaCallOptions {
  let told = false;
  return {
    signal: ctx.signal,
    onWait: () => {
      if (!told) ctx.status?.('waiting_for_ha');
      told = true;
    },
  };
}

/** True once HA is connected (now, or within the reconnect wait). */
export async function waitForHa(deps: Pick<HomeToolDeps, 'ha'>, call: HaCallOptions): Promise<boolean> {
  return deps.ha.whenConnected(call).then(
    () => true,
    () => false,
  );
}

/** A service call whose answer was lost with the connection. */
export interface LostCall {
  /** `domain.service`, for the summary. */
  name: string;
  service: string;
  data: Record<string, unknown>;
  entityIds: readonly string[];
  /** Each entity's `last_updated` before the call. */
  before: ReadonlyMap<string, string | undefined>;
}

/**
 * Reports a call that may or may not have run, without sending it again (a toggle would run
 * twice): once HA is back and the renewed state subscription has caught up, the targeted states
 * tell. A state that moved, or that is where the service leads, is reported as the outcome;
 * otherwise the outcome is unknown and the model sees the states to decide with the person. The
 * model reads English; people read the summary in `language`.
 */
export async function reportLostCall(deps: HomeToolDeps, lost: LostCall, call: HaCallOptions, language?: string): Promise<ToolResult> {
  const { ha, index } = deps;
  const back = await ha.sync(call).then(
    () => true,
    () => false,
  );
  const moved = (id: string): boolean => {
    const state = index.getState(id);
    return state !== undefined && state.last_updated !== lost.before.get(id);
  };
  if (back && lost.entityIds.length > 0) await index.waitFor(lost.entityIds, (_, id) => moved(id), deps.settleTimeoutMs ?? DEFAULT_SETTLE_MS);
  const states = lost.entityIds.map((id) => index.get(id)).filter((s): s is EntitySummary => s !== undefined);
  const shown = states.slice(0, MAX_STATES);
  const reached = isAlreadySettled(lost.service, lost.data, states.map((s) => s.state));
  if (back && states.length > 0 && (lost.entityIds.some(moved) || reached)) {
    const done = describeOutcome(lost.name, states);
    const seenByPerson = describeOutcome(lost.name, states, language, await stateWordingFor(deps, language));
    return markFreeText(okResult({ done, states: shown, note: SEEN_AFTER_LOSS }, seenByPerson), shown, language);
  }
  const seen = back && states.length > 0 ? ` Now: ${describeOutcome(lost.name, states)}.` : '';
  return markFreeText({
    ...errorResult(`${HA_OUTCOME_UNKNOWN_MESSAGE}${seen}`, t(language, 'home.outcome_unknown', { call: lost.name })),
    output: { error: `${HA_OUTCOME_UNKNOWN_MESSAGE}${seen}`, outcome_unknown: true, ...(shown.length > 0 && { states: shown }) },
  }, shown, language);
}
