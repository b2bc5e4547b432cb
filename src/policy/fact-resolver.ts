/**
 * Gathers the facts of a call from the tool-specific readers. Tools without a reader are judged
 * on their name and kind (read, write, external) alone.
 */
import type { CallFacts } from './call-facts.js';
import { entityReadFacts, serviceCallFacts, type HomeFactsDeps } from './home-facts.js';
import { shellRunFacts } from './shell-facts.js';
import { browserActFacts, browserOpenFacts, mailSendFacts, type BrowserFactsHook, type ToolFacts } from './tool-facts.js';

/** Reads the facts of one tool's input. */
export type FactReader = (input: unknown) => ToolFacts;

/** The part of a call facts are read from (structurally a ToolCallRequest). */
export interface FactCall {
  tool: string;
  effect: string;
  input: unknown;
}

/** Turns a call into facts. */
export type FactResolver = (call: FactCall) => CallFacts;

/** What the standard readers need; without `home`, ha_* calls are judged on service names only. */
export interface FactResolverDeps {
  home?: HomeFactsDeps;
  browserFacts?: BrowserFactsHook;
  /** Majordome's data folder, which a shell command reading it is judged by; `/data` by default. */
  dataDir?: string;
}

/** The readers for every tool the policy knows. */
export function standardFactReaders(deps: FactResolverDeps): Record<string, FactReader> {
  const readers: Record<string, FactReader> = {
    mail_send: mailSendFacts,
    browser_open: browserOpenFacts,
    browser_act: (input) => browserActFacts(input, deps.browserFacts),
    shell_run: (input) => shellRunFacts(input, deps.dataDir),
  };
  const home = deps.home;
  if (home) {
    readers['ha_call_service'] = (input) => serviceCallFacts(home, input);
    readers['ha_get_state'] = (input) => entityReadFacts(home, input);
    readers['ha_get_history'] = (input) => entityReadFacts(home, input);
  } else {
    readers['ha_call_service'] = (input) => {
      const call = (input ?? {}) as { domain?: unknown; service?: unknown };
      return { base: { domain: String(call.domain ?? ''), service: String(call.service ?? '') }, groups: [] };
    };
  }
  return readers;
}

/** A resolver over the given readers. */
export function createFactResolver(readers: Readonly<Record<string, FactReader>>): FactResolver {
  return (call) => {
    const read = Object.hasOwn(readers, call.tool) ? readers[call.tool] : undefined;
    const facts = read?.(call.input) ?? { base: {}, groups: [] };
    return { ...facts, base: { ...facts.base, effect: call.effect } };
  };
}
