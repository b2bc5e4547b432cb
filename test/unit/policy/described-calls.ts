/**
 * Policy tests write calls as `{tool, effect, input}`; the runner hands the policy a description
 * too (what the tool declares about the parsed input). These helpers build it the same way, from
 * Majordome's real tools over stubbed services (their declarations use no service).
 */
import { createPolicy, type PolicyContext, type PolicyDecision, type PolicyDeps, type ToolCallRequest } from '../../../src/policy/policy.js';
import { createBrowserTools } from '../../../src/tools/browser.js';
import type { BrowserRefFacts } from '../../../src/tools/browser/call-declarations.js';
import { describeCall, undeclaredCall } from '../../../src/tools/describe-call.js';
import { createHomeTools } from '../../../src/tools/home.js';
import { createMailTools } from '../../../src/tools/mail.js';
import { createMemoryTools } from '../../../src/tools/memory.js';
import { createNotifyTools } from '../../../src/tools/notify.js';
import { ToolRegistry } from '../../../src/tools/registry.js';
import { createShellTools } from '../../../src/tools/shell.js';
import { createTaskTools } from '../../../src/tools/tasks.js';
import type { ToolEffect } from '../../../src/tools/tool.js';
import { smallHome, type SmallHome } from './small-home.js';

/** A call as tests write it. */
export interface PlainCall {
  tool: string;
  effect: ToolEffect;
  input: unknown;
}

/** What the tools' declarations read: the home, HA's temperature unit, the page's elements, the data folder. */
export interface TestToolsOptions {
  home?: SmallHome;
  temperatureUnit?: string;
  browserFacts?: BrowserRefFacts;
  dataDir?: string;
}

/** Every Majordome tool, over stubs: only their declarations are used. */
export function testTools(options: TestToolsOptions = {}): ToolRegistry {
  const stub = {} as never;
  // The home tools read the entity index through what SmallHome implements; it is not a whole EntityIndex.
  const index = (options.home ?? smallHome()) as never;
  const unit = options.temperatureUnit ?? '°C';
  return new ToolRegistry([
    ...createHomeTools({ ha: stub, index, temperatureUnit: () => unit }),
    ...createNotifyTools({ ha: stub }),
    ...createMailTools({ mail: stub }),
    ...createBrowserTools({ browser: (options.browserFacts ?? { factsOf: () => undefined }) as never }),
    ...createShellTools({ shell: stub, ...(options.dataDir !== undefined && { dataDir: options.dataDir }) }),
    ...createMemoryTools({ memories: stub, secrets: stub }),
    ...createTaskTools({ tasks: stub }),
  ]);
}

/** The request the runner would build: the input read by the tool's schema and described by the tool (in `language`, as the runner does); an unknown tool declares nothing. */
export function describedRequest(tools: ToolRegistry, call: PlainCall, language?: string): ToolCallRequest {
  const tool = tools.get(call.tool);
  if (!tool) return { ...call, description: undeclaredCall(call.tool, call.effect, call.input) };
  const parsed = tool.input.safeParse(call.input ?? {});
  if (!parsed.success) throw new Error(`the test's input does not fit ${call.tool}: ${parsed.error.message}`);
  return { tool: tool.name, effect: tool.effect, input: parsed.data, description: describeCall(tool, parsed.data, language) };
}

/** A policy deciding plain calls, each described as the runner would. */
export interface PlainPolicy {
  decide(call: PlainCall, context: PolicyContext): PolicyDecision;
}

/** The rule-based policy over these tools. */
export function policyOver(tools: ToolRegistry = testTools(), deps: PolicyDeps = {}): PlainPolicy {
  const policy = createPolicy(deps);
  return { decide: (call, context) => policy.decide(describedRequest(tools, call, context.language), context) };
}

/** The approval summary the tool writes for this input, taken as given (summary tests write their inputs by hand), in `language` (English by default). */
export function summaryOf(tools: ToolRegistry, name: string, input: unknown, language?: string): string {
  const tool = tools.get(name);
  if (!tool) throw new Error(`no tool ${name}`);
  return describeCall(tool, input, language).summary;
}
