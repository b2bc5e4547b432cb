import type { z } from 'zod';
import type { UserIdentity } from '../contracts/identity.js';
import type { CallFacts, FactKey } from './call-facts.js';

/** What a tool may do to the world; drives the default policy. */
export type ToolEffect = 'read' | 'write' | 'external';

/** What a running call tells the person it waits for (`waiting_for_ha`: the connection to HA is down). */
export type ToolStatus = 'waiting_for_ha';

/** Per-call context handed to a tool. */
export interface ToolContext {
  user: UserIdentity;
  conversationId: string;
  /** Aborted when the client goes away or the turn is cancelled. */
  signal: AbortSignal;
  /** The user's language (`en`, `fr`, …). */
  language: string;
  /** Set when the conversation has read someone else's text (policy/taint/taint.ts); a tool whose effect outlives the turn carries it on. */
  tainted?: { source: string };
  /** Tells the person what the call is waiting for (a `status` chat event); the call's result ends it. */
  status?(status: ToolStatus): void;
}

/**
 * The outcome of one tool call. `output` goes to the model (serialised as compact JSON unless it
 * is a string); `summary` is one short line for people (chat cards, audit).
 */
export interface ToolResult {
  ok: boolean;
  output: unknown;
  summary: string;
  /** Set when output carries third-party text (mail bodies, web pages). */
  untrusted?: boolean;
  /**
   * For untrusted output: what was read, in a few words that finish "after reading …" ("a mail
   * from anna@example.com", "the web page example.com"). Shown in approvals the taint causes.
   */
  taintSource?: string;
  /** A picture for the model (a browser screenshot); sent only to models that read images, never stored. */
  image?: { mediaType: 'image/jpeg' | 'image/png'; data: Buffer };
  /** Set when this call showed the home's data although its tool usually does not (a service's response); see policy/taint/egress.ts. */
  homeData?: boolean;
  /** The web host this call opened: the conversation has seen it from then on (policy/taint/egress.ts). */
  openedHost?: string;
  /**
   * The model's own sentence for when the call works (`ha_call_service`'s `reply`), set only once
   * HA showed the call's effect: the agent may end the turn with it without another model call.
   */
  finalAnswer?: string;
}

/**
 * HA's tool annotations (`read_only`, `destructive`, `idempotent`, `open_world`) for one call. An
 * undeclared one is taken at its least safe: not read-only, destructive, not idempotent, open world.
 */
export interface ToolAnnotations {
  /** Changes nothing and sends nothing out: taint leaves the call alone (policy/taint/taint.ts). */
  readOnly?: boolean;
  /** May undo or destroy something (unlocking, deleting, sending). */
  destructive?: boolean;
  /** Doing it twice is the same as doing it once. */
  idempotent?: boolean;
  /** Reaches beyond the home (the web, mail, a shell). */
  openWorld?: boolean;
}

/** What "Always allow" must know about a tool's calls to write the narrowest rule (policy/rules/allow-rule.ts). */
export interface RuleHints {
  /** A fact the rule must name, or it would allow every call of the tool. */
  required?: FactKey;
  /** Why this call cannot become a rule at all. */
  unsavable?: string;
  /** Facts the rule leaves out, stated better by another one (a page's host rather than its exact address). */
  leftOut?: readonly FactKey[];
}

/** What a tool declares about one parsed call; each part left out takes the default of tools/describe-call.ts. */
export interface CallDeclaration {
  /** The facts rules match (entities, recipients, host, command…); `effect` is added from the tool. */
  facts?: CallFacts;
  /** The one line (or the whole draft) a person approves; never the text typed into a browser field. */
  summary?: string;
  /**
   * What the call acts on right now when its target can grow (an area's entities, sorted): an
   * approval binds to it, so the same input acting on more or other things later is not approved.
   */
  actsOn?: readonly string[];
  annotations?: ToolAnnotations;
  rule?: RuleHints;
}

/** A call as the policy reads it: a tool's declaration with every default filled in. */
export interface ToolCallDescription {
  /** The declared facts, with `effect` in their base. */
  facts: CallFacts;
  summary: string;
  actsOn?: readonly string[];
  annotations: Required<ToolAnnotations>;
  rule: RuleHints;
}

/**
 * When a turn offers a tool to the model (agent/tool-offer.ts). Tools a plain command never uses
 * declare it, so their schemas are not sent with every request; tools sharing a topic come together.
 */
export interface ToolOffer {
  /** The group: a call of any of its tools earlier in the conversation keeps them all offered ("undo that"). */
  topic: string;
  /** Words that bring the group in when the person says one (whole words, any case or accents). */
  words: readonly string[];
}

/** A capability offered to the model. See DESIGN.md "Tool contract". */
export interface Tool<I = unknown> {
  /** snake_case with a capability prefix (`ha_`, `mail_`, …); a public contract. */
  name: string;
  /** Short, written for the model. */
  description: string;
  /** Validated before policy and execute; bad input becomes an is_error result. */
  input: z.ZodType<I>;
  effect: ToolEffect;
  untrusted?: boolean;
  /** Its output shows the home's data (states, history, names, areas): a new web host then asks (policy/taint/egress.ts). */
  homeData?: boolean;
  /** Offered only in turns where the person talked about it (ToolOffer); unset: offered every turn. */
  offer?: ToolOffer;
  /**
   * Loads what the call's declaration reads from HA (an automation's current config, HA's words
   * for states in `language`, the asking person's), after the input is parsed and before the
   * precheck and the description; errors are the tool's to absorb.
   */
  prepare?(input: I, language?: string): Promise<void>;
  /**
   * Checked after the input is parsed and before the policy: why this call cannot run at all
   * (it names something that does not exist), said to the model as a plain error, not a refusal.
   * A CallProblem adds the card's line in `language` (the person's); a string is both.
   */
  precheck?(input: I, language?: string): string | CallProblem | undefined;
  /**
   * What this parsed call does, for the policy and the person approving it (see CallDeclaration);
   * the summary in `language` (the asking person's, a BCP 47 tag) when the tool words it, English when unset.
   */
  describe?(input: I, language?: string): CallDeclaration;
  execute(input: I, ctx: ToolContext): Promise<ToolResult>;
}

/** Why a call cannot run: what the model reads (English, with what to do instead) and the line people read. */
export interface CallProblem {
  message: string;
  summary: string;
}

/** A tool with its input type erased, as stored in the registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- registries hold tools of many input types; each validates its own input with zod before execute
export type AnyTool = Tool<any>;

/** Helper for tools to build results without repeating the shape. */
export function okResult(output: unknown, summary: string): ToolResult {
  return { ok: true, output, summary };
}

/** An error result the model can read and act on. */
export function errorResult(message: string, summary = message): ToolResult {
  return { ok: false, output: { error: message }, summary };
}
