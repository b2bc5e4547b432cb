/**
 * How a person reads a config in an approval: HA's YAML, and for an edit a unified diff of the old
 * YAML against the new one, line by line (configs are small: a plain longest-common-subsequence).
 */
import { stringify } from 'yaml';

/** The config as YAML, in HA's key order where it has one. */
export function toYaml(config: Readonly<Record<string, unknown>>): string {
  const order = ['alias', 'description', 'triggers', 'conditions', 'actions', 'sequence', 'mode'];
  const sorted = Object.fromEntries([
    ...order.filter((k) => k in config).map((k) => [k, config[k]] as const),
    ...Object.entries(config).filter(([k]) => !order.includes(k)),
  ]);
  return stringify(sorted, { lineWidth: 0 }).trimEnd();
}

/** `before` → `after` line by line: unchanged lines start with a space, removed with `-`, added with `+`. */
export function lineDiff(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const common: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i]![j] = a[i] === b[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push(` ${a[i]!}`);
      i++;
      j++;
    } else if (common[i + 1]![j]! >= common[i]![j + 1]!) out.push(`-${a[i++]!}`);
    else out.push(`+${b[j++]!}`);
  }
  while (i < a.length) out.push(`-${a[i++]!}`);
  while (j < b.length) out.push(`+${b[j++]!}`);
  return out;
}

/** A unified diff of two configs' YAML, headed `--- before` / `+++ after`; empty when they are the same. */
export function configDiff(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string {
  const lines = lineDiff(toYaml(before), toYaml(after));
  if (lines.every((line) => line.startsWith(' '))) return '';
  return ['--- before', '+++ after', ...lines].join('\n');
}
