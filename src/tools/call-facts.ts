/**
 * The facts a tool declares about one call, in the vocabulary of the policy's rules. A call acting
 * on several things (entities, e-mail recipients, temperatures) is judged once per combination, and
 * the strictest verdict wins: a call touching a light and a lock is treated like the lock. Tools and
 * the policy both read this module; it imports nothing.
 */

/** The facts a rule may test, with what each means (shown in errors and docs). */
export const FACT_KEYS = {
  effect: 'the tool kind: read, write or external',
  domain: 'the Home Assistant service domain (light, lock, cover…)',
  service: 'the Home Assistant service (turn_on, unlock, open_cover…)',
  entity_id: 'an entity the call acts on (each one is judged on its own)',
  entity_domain: 'the domain of an entity the call acts on',
  device_class: "an entity's device class (garage, gate, door, window…)",
  name_says: "what a cover's name or entity id says it is: garage, gate or door (English or French words)",
  temperature_c: 'a temperature the call sets, in °C',
  to: 'an e-mail recipient (to or cc; each one is judged on its own)',
  url: 'the address a browser call opens',
  host: 'the host name a browser call opens',
  action: 'the browser action: click, type, select or press',
  field_type: 'the type of the page field a browser action types into (password, text…)',
  submits: 'whether a browser action submits a form: true or false',
  command: 'the shell command line, when it is one simple command (pipes, chains, redirections and substitutions never match)',
} as const;

/** A fact name a rule may test. */
export type FactKey = keyof typeof FACT_KEYS;

/** One combination of facts; a missing key means the fact does not apply. */
export type FactRecord = Readonly<Record<string, string>>;

/** Everything the policy knows about a call. */
export interface CallFacts {
  /** Facts of the whole call (tool kind, service…). */
  base: Record<string, string>;
  /** Lists of alternatives judged one at a time (targets, recipients, temperatures); empty lists are ignored. */
  groups: ReadonlyArray<readonly FactRecord[]>;
  /** Set when the call must be refused whatever the rules say (an entity outside entity_access). */
  refusal?: string;
  /** Which check refused, for the audit log; `entity_access` when not set. */
  refusedBy?: string;
}
