/**
 * The memory capability: `memory_save` {fact} and `memory_search` {query}, per user. Facts that
 * hold a secret (a configured one, a key-shaped string, or "my password is …") are refused, so
 * the model can never park a secret where every later prompt would carry it.
 */
import { z } from 'zod';
import { isPlural, t } from '../messages/messages.js';
import type { Memory } from '../store/memories.js';
import { errorResult, okResult, type AnyTool, type Tool } from './tool.js';

/** What the memory tools need from the store. */
export interface MemoryRepository {
  save(userId: string, fact: string): Memory;
  find(userId: string, query: string, limit?: number): Memory[];
}

/** What the memory tools need to spot secrets (policy/secrets.ts). */
export interface SecretCheck {
  contains(text: string): boolean;
}

/** Dependencies of the memory tools. */
export interface MemoryToolDeps {
  memories: MemoryRepository;
  secrets?: SecretCheck;
}

// "password is hunter2", "mot de passe : …", "PIN 1234", "code de l'alarme est 0000": credentials
// in plain words that no key-shaped pattern catches.
const CREDENTIAL_WORDS =
  /\b(pass(word|phrase|code)?|pwd|mot de passe|mdp|pin|passcode|secret|api[ _-]?key|token|code (de|du|of|for) (la |l'|le )?\p{L}+|(alarm|door|gate|safe|wifi|wi-fi) code|code (d'alarme|de porte|wifi))\b\s*(is|est|=|:|-)?\s*\S*\d/iu;

/** Whether a fact looks like it holds a secret. */
export function looksSecret(fact: string, secrets?: SecretCheck): boolean {
  return (secrets?.contains(fact) ?? false) || CREDENTIAL_WORDS.test(fact);
}

const saveInput = z.object({
  fact: z.string().trim().min(3).max(500).describe('One durable fact about the user or the home, in a short sentence.'),
});
const searchInput = z.object({
  query: z.string().trim().min(1).max(200).describe('Words to look for in what the user asked you to remember.'),
});

/** `memory_save` input. */
export type MemorySaveInput = z.infer<typeof saveInput>;
/** `memory_search` input. */
export type MemorySearchInput = z.infer<typeof searchInput>;

/** Builds `memory_save`. */
export function createMemorySaveTool({ memories, secrets }: MemoryToolDeps): Tool<MemorySaveInput> {
  return {
    name: 'memory_save',
    description: 'Remember a durable fact the user told you (preferences, names, habits) for later conversations. Never store passwords, codes or keys.',
    input: saveInput,
    effect: 'write',
    async execute({ fact }, ctx) {
      if (looksSecret(fact, secrets)) {
        return errorResult('This looks like a password, code or key; secrets are never stored as memories.', t(ctx.language, 'memory.secret_refused'));
      }
      const memory = memories.save(ctx.user.id, fact);
      return okResult({ id: memory.id, saved: memory.fact }, t(ctx.language, 'memory.saved'));
    },
  };
}

/** Builds `memory_search`. */
export function createMemorySearchTool({ memories }: MemoryToolDeps): Tool<MemorySearchInput> {
  return {
    name: 'memory_search',
    description: 'Search what the user asked you to remember earlier.',
    input: searchInput,
    effect: 'read',
    async execute({ query }, ctx) {
      const found = memories.find(ctx.user.id, query, 10);
      return okResult(
        found.map((m) => ({ id: m.id, fact: m.fact, saved_at: m.createdAt })),
        t(ctx.language, isPlural(ctx.language, found.length) ? 'memory.found' : 'memory.found_one', { count: found.length }),
      );
    },
  };
}

/** The memory capability's tools. */
export function createMemoryTools(deps: MemoryToolDeps): AnyTool[] {
  return [createMemorySaveTool(deps), createMemorySearchTool(deps)];
}
