/**
 * The words people read for entity states on the home tools' cards: HA's own words in the
 * person's language ("Verrouillé", "Allumé"), as HA's UI shows them, fetched from HA. The model
 * always reads HA's machine states (`locked`): it acts with them. English speakers read the
 * machine states too, the same line the model reads, as before.
 */
import type { EntityIndex } from '../../ha/entity-index.js';
import { stateWord, type StateWordSource } from '../../ha/state-words.js';
import { languageOf } from '../../messages/messages.js';

/** The word a person reads for an entity's state. */
export type StateWording = (entityId: string, state: string) => string;

/** How a language's speakers read states (HA's words fetched as needed); what tools beyond the home tools are given. */
export type StateWordings = (language: string | undefined) => Promise<StateWording>;

/** Where the words come from: the entities' device classes, and HA's words (absent → the states as HA names them). */
export interface StateWordingDeps {
  index: Pick<EntityIndex, 'getState'>;
  stateWords?: StateWordSource | undefined;
}

/** States as HA names them (`on`, `not_home`). */
export const MACHINE_STATES: StateWording = (_entityId, state) => state;

/** The HA language whose state words `language`'s speakers read (that of the server's sentences), or undefined for English. */
export function stateWordLanguage(language: string | undefined): string | undefined {
  const lang = languageOf(language);
  return lang === 'en' ? undefined : lang;
}

/** How `language`'s speakers read states: HA's words in their language, the state itself where HA has none. */
export async function stateWordingFor(deps: StateWordingDeps, language: string | undefined): Promise<StateWording> {
  const lang = stateWordLanguage(language);
  if (!lang || !deps.stateWords) return MACHINE_STATES;
  const table = await deps.stateWords.table(lang).catch(() => undefined);
  if (!table) return MACHINE_STATES;
  return (entityId, state) => {
    const deviceClass = deps.index.getState(entityId)?.attributes['device_class'];
    return stateWord(table, { domain: entityId.split('.', 1)[0] ?? '', deviceClass: typeof deviceClass === 'string' ? deviceClass : undefined, state });
  };
}

/**
 * A state word inside a sentence ("déjà allumé"): HA's words are labels that start with a
 * capital; an acronym ("OK") and a state HA had no word for are left as they are.
 */
export function wordInSentence(word: string, state: string): string {
  if (word === state || !/^\p{Lu}\p{Ll}/u.test(word)) return word;
  return `${word.charAt(0).toLocaleLowerCase()}${word.slice(1)}`;
}
