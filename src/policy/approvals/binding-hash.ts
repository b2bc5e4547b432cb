import { callHash } from '../facts/canonical-json.js';

/** The hash an approval binds to: the tool, its canonical input and, when known, what it acts on. */
export function bindingHash(tool: string, input: unknown, actsOn: readonly string[] | undefined): string {
  return callHash(tool, actsOn === undefined ? input : { input, acts_on: actsOn });
}
