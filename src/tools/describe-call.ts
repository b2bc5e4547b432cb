/**
 * A call as the policy reads it: what its tool declares about the parsed input (Tool.describe),
 * with every part it left out filled in at its least safe. A tool without a declaration is judged on
 * its name and its kind (read, write, external) alone.
 */
import { clipSummary } from './summary-words.js';
import type { AnyTool, ToolAnnotations, ToolCallDescription, ToolEffect } from './tool.js';

/** HA's reading of an undeclared annotation: not read-only, destructive, not idempotent, open world. */
const LEAST_SAFE: Required<ToolAnnotations> = { readOnly: false, destructive: true, idempotent: false, openWorld: true };

/** What a tool's kind already says: a `read` tool declares that its calls change nothing. */
function annotationsOf(effect: ToolEffect, declared: ToolAnnotations = {}): Required<ToolAnnotations> {
  const byKind = effect === 'read' ? { readOnly: true, destructive: false } : {};
  return { ...LEAST_SAFE, ...byKind, ...declared };
}

/** The summary of a call whose tool writes none: its name and its input. */
function defaultSummary(tool: string, input: unknown): string {
  return clipSummary(`${tool} ${JSON.stringify(input ?? {})}`);
}

/** The description of a call of a tool that declares nothing about it. */
export function undeclaredCall(tool: string, effect: ToolEffect, input: unknown): ToolCallDescription {
  return { facts: { base: { effect }, groups: [] }, summary: defaultSummary(tool, input), annotations: annotationsOf(effect), rule: {} };
}

/** The description of one call of `tool`; `input` is what its zod schema returned; its summary in `language` when the tool words it. */
export function describeCall(tool: AnyTool, input: unknown, language?: string): ToolCallDescription {
  const declared = tool.describe?.(input, language);
  if (!declared) return undeclaredCall(tool.name, tool.effect, input);
  const facts = declared.facts ?? { base: {}, groups: [] };
  return {
    facts: { ...facts, base: { ...facts.base, effect: tool.effect } },
    summary: declared.summary ?? defaultSummary(tool.name, input),
    ...(declared.actsOn && { actsOn: declared.actsOn }),
    annotations: annotationsOf(tool.effect, declared.annotations),
    rule: declared.rule ?? {},
  };
}
