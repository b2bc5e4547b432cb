import type BetterSqlite3 from 'better-sqlite3';
import { MajordomeError } from '../errors.js';
import type { StoreOptions } from './store-options.js';

/** A policy rule someone saved (e.g. "Always allow" in the panel); `match` uses the rule syntax. */
export interface SavedRule {
  id: number;
  effect: 'allow' | 'ask' | 'deny';
  tool: string;
  match: string;
  createdBy: string;
  createdAt: string;
  note?: string;
}

/** What saving a rule needs. */
export type NewSavedRule = Pick<SavedRule, 'effect' | 'tool' | 'match' | 'createdBy'> & { note?: string | undefined };

interface RuleRow {
  id: number;
  effect: SavedRule['effect'];
  tool: string;
  match: string;
  created_by: string;
  created_at: string;
  note: string | null;
}

function toRule(row: RuleRow): SavedRule {
  const rule: SavedRule = { id: row.id, effect: row.effect, tool: row.tool, match: row.match, createdBy: row.created_by, createdAt: row.created_at };
  if (row.note !== null) rule.note = row.note;
  return rule;
}

/**
 * Saved policy rules, in the order they were saved. The store checks nothing about the rule text:
 * the policy parses it (and validates it before saving).
 */
export class RuleStore {
  private readonly now: () => Date;
  private readonly insert: BetterSqlite3.Statement<unknown[], RuleRow>;
  private readonly all: BetterSqlite3.Statement<[], RuleRow>;
  private readonly remove: BetterSqlite3.Statement<[number]>;
  private version = 0;

  constructor(db: BetterSqlite3.Database, options: Pick<StoreOptions, 'now'> = {}) {
    this.now = options.now ?? (() => new Date());
    this.insert = db.prepare('INSERT INTO policy_rules (effect, tool, match, created_by, created_at, note) VALUES (?, ?, ?, ?, ?, ?) RETURNING *');
    this.all = db.prepare('SELECT * FROM policy_rules ORDER BY id');
    this.remove = db.prepare('DELETE FROM policy_rules WHERE id = ?');
  }

  /** Bumped on every change, so readers can cache the parsed rules. */
  get revision(): number {
    return this.version;
  }

  add(rule: NewSavedRule): SavedRule {
    const row = this.insert.get(rule.effect, rule.tool, rule.match, rule.createdBy, this.now().toISOString(), rule.note ?? null);
    if (!row) throw new MajordomeError('internal', 'rule insert returned no row');
    this.version++;
    return toRule(row);
  }

  /** Oldest first: the order rules are evaluated in. */
  list(): SavedRule[] {
    return this.all.all().map(toRule);
  }

  /** True when a rule was removed. */
  delete(id: number): boolean {
    const removed = this.remove.run(id).changes > 0;
    if (removed) this.version++;
    return removed;
  }
}
