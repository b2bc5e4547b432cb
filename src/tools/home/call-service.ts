import { z } from 'zod';
import { t } from '../../messages/messages.js';
import type { HassService } from 'home-assistant-js-websocket';
import type { EntitySummary } from '../../ha/entity-summary.js';
import { HaError } from '../../errors.js';
import { errorResult, okResult, type CallDeclaration, type Tool, type ToolResult } from '../tool.js';
import { homeFacts, type HomeToolDeps } from './deps.js';
import { markFreeText } from './free-text.js';
import { checkEntitiesExist, failureResult, notAccessibleMessage, unavailableResult } from './results.js';
import { entityIdsInData, resolveTarget, smuggledTargetKeys } from './service-target.js';
import { capResponse } from './call-outcome.js';
import { describeObservation, observeCall, snapshotStates, type CallObservation } from './observe-call.js';
import { serviceCallFacts, type ServiceCallInput } from './home-facts.js';
import { serviceSummary } from './service-summary.js';
import { haCallOptions, reportLostCall, waitForHa } from './ha-wait.js';
import { stateWordingFor } from './state-wording.js';

const idList = z.union([z.string().min(1).max(255), z.array(z.string().min(1).max(255)).min(1).max(100)]);

const input = z.object({
  domain: z.string().min(1).max(60).regex(/^[a-z0-9_]+$/, 'lower-case HA domain such as light'),
  service: z.string().min(1).max(100).regex(/^[a-z0-9_]+$/, 'lower-case service name such as turn_on'),
  target: z
    .strictObject({ entity_id: idList.optional(), area_id: idList.optional(), device_id: idList.optional() })
    .optional()
    .describe('What to act on. Prefer entity_id from ha_find_entities.'),
  data: z.record(z.string(), z.unknown()).optional().describe('Service fields, e.g. {"brightness_pct": 40}. Never targets.'),
  reply: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe('What to tell the user if Home Assistant shows the call worked; the turn then ends with it. Not shown otherwise.'),
});

/** How long a call waits for HA to show its effect; a device that takes longer is reported unchanged. */
const DEFAULT_SETTLE_MS = 1500;
const MAX_STATES = 20;

/** Response-only services: `ha_call_service` is a write tool, but these read and change nothing. */
const READ_ONLY_SERVICES: ReadonlySet<string> = new Set(['get_forecasts', 'get_events', 'get_items']);

/** Whether the call names a target at all (an empty list or a blank id names nothing). */
function targetsSomething(target: ServiceCallInput['target']): boolean {
  return Object.values(target ?? {}).some((v) => (Array.isArray(v) ? v.length > 0 : typeof v === 'string' && v.trim() !== ''));
}

/**
 * What a service call declares: the entities it acts on (its target as the tool expands it, the
 * approval binding to them), their facts, its sentence, and whether it only reads.
 */
export function describeServiceCall(deps: HomeToolDeps, call: ServiceCallInput, language?: string): CallDeclaration {
  const facts = serviceCallFacts(homeFacts(deps), call, language);
  const entities = (facts.groups[0] ?? []).map((record) => record['entity_id'] ?? '').filter(Boolean);
  const readOnly = READ_ONLY_SERVICES.has(call.service);
  // A rule names entities: a target that resolves to none would become a rule allowing the service anywhere.
  const unnamed = !facts.refusal && targetsSomething(call.target) && entities.length === 0;
  return {
    facts,
    summary: serviceSummary(call, (id) => deps.index.get(id)?.name, language),
    ...(!facts.refusal && { actsOn: entities }),
    annotations: readOnly ? { readOnly, destructive: false, idempotent: true, openWorld: false } : { readOnly, openWorld: false },
    ...(unnamed && { rule: { unsavable: t(language, 'always_allow.unnamed_target') } }),
  };
}

/** Script services that are not about one script; every other `script.<name>` runs that script. */
const SCRIPT_DOMAIN_SERVICES = new Set(['turn_on', 'turn_off', 'toggle', 'reload']);

/** The entity a service acts on by its very name (`script.wake_up` runs script.wake_up). */
function implicitEntity(domain: string, service: string): string | undefined {
  return domain === 'script' && !SCRIPT_DOMAIN_SERVICES.has(service) ? `script.${service}` : undefined;
}

async function lookupService(deps: HomeToolDeps, domain: string, service: string): Promise<HassService | undefined> {
  try {
    return await deps.ha.findService(domain, service);
  } catch {
    // No catalog (HA busy or refusing get_services): let HA itself judge the call.
    return undefined;
  }
}

async function notFoundHint(deps: HomeToolDeps, domain: string): Promise<string> {
  const catalog = await deps.ha.getServices().catch(() => undefined);
  const names = Object.keys(catalog?.[domain] ?? {});
  if (names.length === 0) return ` No service domain "${domain}".`;
  return ` ${domain} offers: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}.`;
}

/** `ha_call_service`: acts on the home, only through entities the agent may use. */
export function createCallServiceTool(deps: HomeToolDeps): Tool<z.infer<typeof input>> {
  const { ha, index } = deps;
  return {
    name: 'ha_call_service',
    description:
      'Call a Home Assistant service (light.turn_on, cover.set_cover_position, climate.set_temperature, ' +
      'weather.get_forecasts…). Put entity/area/device in target, never in data. Returns the new states.',
    input,
    effect: 'write',
    describe: (call, language) => describeServiceCall(deps, call, language),
    precheck: ({ target, data = {} }, language) =>
      checkEntitiesExist(index, [...[target?.entity_id ?? []].flat(), ...entityIdsInData(data, (d) => index.hasDomain(d))], language),
    async execute({ domain, service, target, data = {}, reply }, ctx): Promise<ToolResult> {
      const call = haCallOptions(ctx);
      if (!(await waitForHa(deps, call))) return unavailableResult(ctx.language);
      const smuggled = smuggledTargetKeys(data);
      if (smuggled.length > 0) {
        return errorResult(`Move ${smuggled.join(', ')} from data to target; nothing was done.`, t(ctx.language, 'home.refused_target_in_data'));
      }
      const inData = entityIdsInData(data, (d) => index.hasDomain(d));
      const implicit = implicitEntity(domain, service);
      // Read before write: an entity un-exposed in HA a moment ago (no event told us) is refused.
      // Areas and devices hold registry entities only; entities without an entry are named.
      const named = [...[target?.entity_id ?? []].flat(), ...inData, ...(implicit ? [implicit] : [])];
      if (!(await index.refreshExposureBeforeWrite(named))) return unavailableResult(ctx.language);
      const mentioned = inData.filter((id) => !index.isAccessible(id));
      if (mentioned.length > 0) return errorResult(notAccessibleMessage(mentioned), t(ctx.language, 'home.refused_not_available'));
      if (implicit && !index.isAccessible(implicit)) return errorResult(notAccessibleMessage([implicit]), t(ctx.language, 'home.refused_not_available'));
      const resolution = resolveTarget(domain, target, index);
      if (!resolution.ok) return errorResult(resolution.message, t(ctx.language, 'home.refused', { reason: resolution.message }));
      const entityIds = [...new Set([...(resolution.entityIds ?? []), ...(implicit ? [implicit] : [])])];

      const description = await lookupService(deps, domain, service);
      const returnResponse = description?.response !== undefined && description.response !== null;
      const snapshot = snapshotStates(index, entityIds);
      const before = new Map(entityIds.map((id) => [id, snapshot.get(id)?.last_updated]));
      let result;
      try {
        const haTarget = resolution.entityIds ? { entity_id: resolution.entityIds } : undefined;
        result = await ha.callService(domain, service, Object.keys(data).length > 0 ? data : undefined, haTarget, returnResponse || undefined, call);
      } catch (err) {
        // Sent, then the connection dropped: report what HA shows once back, never send it twice.
        if (err instanceof HaError && err.code === 'ha_outcome_unknown') {
          return reportLostCall(deps, { name: `${domain}.${service}`, service, data, entityIds, before }, call, ctx.language);
        }
        if (err instanceof HaError && err.haCode === 'not_found') {
          return errorResult(`${err.message}${await notFoundHint(deps, domain)}`, t(ctx.language, 'home.failed', { failure: `${domain}.${service}`, error: err.message }));
        }
        return failureResult(err, t(ctx.language, 'home.call_failed', { call: `${domain}.${service}` }), ctx.language);
      }

      // Response-only services (get_forecasts, get_events) read; no state will move.
      const readsOnly = description?.response?.optional === false || READ_ONLY_SERVICES.has(service);
      const watched = readsOnly ? [] : entityIds;
      const observation = await observeCall(index, { domain, service, data, entityIds: watched, before: snapshot }, result.context?.id, deps.settleTimeoutMs ?? DEFAULT_SETTLE_MS);
      const states = entityIds.map((id) => index.get(id)).filter((s): s is EntitySummary => s !== undefined);
      const nameOf = (id: string) => index.get(id)?.name;
      // The model reads the outcome in English with HA's states; the person reads the summary in their language, with HA's words for them.
      const outcome = describeObservation(`${domain}.${service}`, observation, nameOf);
      const summary = describeObservation(`${domain}.${service}`, observation, nameOf, ctx.language, await stateWordingFor(deps, ctx.language));
      const output: Record<string, unknown> = { outcome, ...observedOutput(observation) };
      if (states.length > 0) output['states'] = states.slice(0, MAX_STATES);
      if (states.length > MAX_STATES) output['more_states'] = states.length - MAX_STATES;
      if (returnResponse) output['response'] = capResponse(result.response);
      // The new states can carry free text too (a song title once the player starts).
      const ok = markFreeText(okResult(output, summary), states.slice(0, MAX_STATES), ctx.language);
      // The model's sentence ends the turn only when HA shows every targeted entity as the call means.
      const verified = observation.verified && reply !== undefined ? { finalAnswer: reply } : {};
      // Service responses carry calendar invites, list items, forecasts: text from outside.
      return returnResponse ? { ...ok, untrusted: true, homeData: true, ...verified } : { ...ok, ...verified };
    },
  };
}

/** Said to the model when HA accepted a call but some entities did not move within the wait. */
const NO_CHANGE_NOTE =
  'Home Assistant accepted the call, but these entities showed no change within the wait: do not say it worked; tell the user what HA shows.';

/** The observation as the model reads it: per entity before/after, and `no_change_observed` naming what did not move. */
function observedOutput(observation: CallObservation): Record<string, unknown> {
  if (observation.observed.length === 0) return { observed: 'no_state_effect' };
  const out: Record<string, unknown> = { observed: observation.observed.slice(0, MAX_STATES) };
  if (observation.unchanged.length > 0) Object.assign(out, { no_change_observed: observation.unchanged, note: NO_CHANGE_NOTE });
  if (observation.differing.length > 0) out['not_as_asked'] = observation.differing;
  return out;
}
