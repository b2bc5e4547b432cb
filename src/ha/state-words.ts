/**
 * HA's own words for entity states ("Verrouillé" for a lock's `locked` in French), looked up as
 * HA's frontend and core (`async_translate_state`) do: the word of the entity's device class, then
 * its domain's (`_`), then the state itself. The words come from `frontend/get_translations`
 * (category `entity_component`) as flat keys
 * `component.<domain>.entity_component.<device class or _>.state.<state>`. Pure: reading HA's
 * answer and the lookup; state-words-source.ts fetches them.
 */

/** HA's state words in one language: translation key → word. */
export type StateWordTable = ReadonlyMap<string, string>;

/** Where HA's state words are fetched from, per HA language code (`fr`). */
export interface StateWordSource {
  /** The words of `language`, or undefined when HA has not given them (yet). */
  table(language: string): Promise<StateWordTable | undefined>;
}

/** A state to put in words: its entity's domain and device class, and the state. */
export interface StateToWord {
  domain: string;
  deviceClass?: string | undefined;
  state: string;
}

/** The translation category that holds the words of every domain's states. */
export const STATE_WORDS_CATEGORY = 'entity_component';

function keyOf(domain: string, bucket: string, state: string): string {
  return `component.${domain}.${STATE_WORDS_CATEGORY}.${bucket}.state.${state}`;
}

/**
 * The word HA shows for a state, or the state itself when HA has no word for it (numbers,
 * free text, `unavailable`: HA's frontend words that one from its own strings, not these).
 */
export function stateWord(table: StateWordTable | undefined, { domain, deviceClass, state }: StateToWord): string {
  if (!table) return state;
  return (deviceClass ? table.get(keyOf(domain, deviceClass, state)) : undefined) ?? table.get(keyOf(domain, '_', state)) ?? state;
}

/** The state words of a `frontend/get_translations` answer; names and attribute words are left out, and a malformed answer has none. */
export function readStateWords(answer: unknown): StateWordTable {
  const resources = typeof answer === 'object' && answer !== null ? (answer as { resources?: unknown }).resources : undefined;
  const words = new Map<string, string>();
  if (typeof resources !== 'object' || resources === null) return words;
  for (const [key, word] of Object.entries(resources)) {
    const [component, , category, , part] = key.split('.');
    if (component === 'component' && category === STATE_WORDS_CATEGORY && part === 'state' && typeof word === 'string') words.set(key, word);
  }
  return words;
}
