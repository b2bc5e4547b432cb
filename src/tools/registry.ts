import { z } from 'zod';
import type { ToolSpec } from '../llm/provider.js';
import { t } from '../messages/messages.js';
import { describeCall, undeclaredCall } from './describe-call.js';
import type { AnyTool, ToolCallDescription } from './tool.js';

/** The tools offered to the model, in a stable order (a stable order keeps the prompt cacheable). */
export class ToolRegistry {
  readonly #tools = new Map<string, AnyTool>();
  #specs: ToolSpec[] | undefined;

  constructor(tools: AnyTool[] = []) {
    for (const tool of tools) this.register(tool);
  }

  register(tool: AnyTool): void {
    if (!/^[a-z][a-z0-9_]{1,63}$/.test(tool.name)) throw new Error(`tool name "${tool.name}" is not snake_case`);
    if (this.#tools.has(tool.name)) throw new Error(`tool "${tool.name}" registered twice`);
    this.#tools.set(tool.name, tool);
    this.#specs = undefined;
  }

  get(name: string): AnyTool | undefined {
    return this.#tools.get(name);
  }

  /**
   * The description of a call known only by its tool's name and its stored input (a pending
   * approval): the input is read by the tool's schema again, as the runner reads it. A call of a
   * tool Majordome no longer has, or whose input no longer fits, is described at its least safe
   * and can never become a rule. Its words (summary, why no rule) are in `language` when given.
   */
  describe(name: string, input: unknown, language?: string): ToolCallDescription {
    const known = this.describeKnown(name, input, language);
    if (known) return known;
    const tool = this.#tools.get(name);
    const why = t(language, tool ? 'always_allow.input_changed' : 'always_allow.tool_gone');
    return { ...undeclaredCall(name, tool?.effect ?? 'external', input), rule: { unsavable: why } };
  }

  /** describe, for a call whose tool Majordome still has and whose input still fits its schema; undefined otherwise. */
  describeKnown(name: string, input: unknown, language?: string): ToolCallDescription | undefined {
    const tool = this.#tools.get(name);
    const parsed = tool?.input.safeParse(input ?? {});
    return tool && parsed?.success ? describeCall(tool, parsed.data, language) : undefined;
  }

  list(): AnyTool[] {
    return [...this.#tools.values()];
  }

  /** JSON-Schema tool specs for the provider; computed once per registry change. */
  specs(): ToolSpec[] {
    this.#specs ??= this.list().map(toToolSpec);
    return this.#specs;
  }
}

/** Converts a tool's zod input into the JSON Schema the model sees (input side: defaults optional). */
export function toToolSpec(tool: AnyTool): ToolSpec {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return { name: tool.name, description: tool.description, input_schema: withoutAssumedKeywords(schema) as Record<string, unknown> };
}

/**
 * Drops the keywords zod writes that JSON Schema assumes anyway (`propertyNames: {type: "string"}`:
 * JSON keys are strings; `additionalProperties: {}`: any value is allowed). They are read by the
 * model on every request and mean nothing; every real constraint stays.
 */
function withoutAssumedKeywords(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutAssumedKeywords);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'propertyNames' && isPlainStringSchema(value)) continue;
    if (key === 'additionalProperties' && isEmptySchema(value)) continue;
    out[key] = withoutAssumedKeywords(value);
  }
  return out;
}

function isPlainStringSchema(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 1 && (value as { type?: unknown }).type === 'string';
}

function isEmptySchema(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
