/**
 * When a task runs, in words: cron expressions through cronstrue (in the panel's language), and
 * triggers as sentences ("When Pet Door opens"). Pure; anything unreadable falls back to the raw
 * text, never to nothing.
 */
import cronstrue from 'cronstrue';
// Registers French with cronstrue (the English text is built in).
import 'cronstrue/locales/fr.js';
import type { TaskTriggerView, TriggerEntityView, TriggerWordsView } from '../../../src/channels/http/wire.js';
import type { LocalizeFunc } from './localize.js';

/** The cron expression in words ("At 07:00 AM, Monday through Friday"), or undefined when cronstrue cannot read it. */
export function cronInWords(cron: string, language: string): string | undefined {
  const base = language.toLowerCase().split('-')[0] ?? 'en';
  try {
    return cronstrue.toString(cron, {
      locale: base === 'fr' ? 'fr' : 'en',
      // 24-hour clocks everywhere but where people read "07:00 AM" (the English of the US and a few others).
      use24HourTimeFormat: !/^en(-(US|CA|AU|PH|IN))?$/i.test(language),
      throwExceptionOnParseError: true,
    });
  } catch {
    return undefined;
  }
}

// Binary sensors whose "on" means open, as HA's frontend words them.
const OPENINGS = new Set(['door', 'garage_door', 'opening', 'window']);

/**
 * The trigger in words ("When Pet Door opens", "When new mail arrives"); a state trigger's states
 * in HA's words the server sent (`words`, "Déverrouillé"), else as HA names them.
 */
export function triggerInWords(trigger: TaskTriggerView, entity: TriggerEntityView | undefined, localize: LocalizeFunc, words?: TriggerWordsView): string {
  switch (trigger.type) {
    case 'mail':
      return trigger.account ? localize('tasks.trigger_mail_account', { account: trigger.account }) : localize('tasks.trigger_mail');
    case 'event':
      return localize('tasks.trigger_event', { event: trigger.event_type });
    case 'state': {
      const name = entity?.name ?? trigger.entity_id;
      const opening = trigger.entity_id.startsWith('binary_sensor.') && OPENINGS.has(entity?.device_class ?? '');
      if (opening && trigger.to === 'on') return localize('tasks.trigger_opens', { name });
      if (opening && trigger.to === 'off') return localize('tasks.trigger_closes', { name });
      const from = trigger.from === undefined ? undefined : (words?.from ?? trigger.from);
      const to = trigger.to === undefined ? undefined : (words?.to ?? trigger.to);
      if (from !== undefined && to !== undefined) return localize('tasks.trigger_state_from_to', { name, from, to });
      if (to !== undefined) return localize('tasks.trigger_state_to', { name, state: to });
      if (from !== undefined) return localize('tasks.trigger_state_from', { name, state: from });
      return localize('tasks.trigger_state_any', { name });
    }
  }
}
