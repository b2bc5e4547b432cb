/**
 * Home Assistant versions (`2024.8.3`, `2025.1.0b2`, `2026.12.0.dev0`) as HA's `auth_ok` reports
 * them, and the minimum the voice agent needs.
 */

/**
 * The first HA whose Wyoming integration accepts a server offering only `handle` (Majordome's voice
 * agent) and makes a conversation entity of it: core PR #124373 "Add conversation agent to
 * Wyoming", released in 2024.11.0. Older HA aborts the config flow with `no_services`. config.yaml
 * declares the same version as `homeassistant:` (a packaging test keeps the two equal).
 */
export const VOICE_MIN_HA_VERSION = '2024.11.0';

interface HaVersion {
  numbers: [year: number, month: number, patch: number];
  /** dev (0) < beta (1) < release (2), then the dev or beta number. */
  stage: [rank: number, n: number];
}

const VERSION_RE = /^(\d+)\.(\d+)\.(\d+)(?:(b|\.dev)(\d+))?$/;

function parseHaVersion(text: string): HaVersion | undefined {
  const m = VERSION_RE.exec(text.trim());
  if (!m) return undefined;
  const stage: HaVersion['stage'] = m[4] === undefined ? [2, 0] : [m[4] === 'b' ? 1 : 0, Number(m[5])];
  return { numbers: [Number(m[1]), Number(m[2]), Number(m[3])], stage };
}

/** Negative when `a` is older than `b`, 0 when equal, positive when newer; undefined when either cannot be read. */
export function compareHaVersions(a: string, b: string): number | undefined {
  const va = parseHaVersion(a);
  const vb = parseHaVersion(b);
  if (!va || !vb) return undefined;
  const pairs = [...va.numbers.map((n, i) => [n, vb.numbers[i] ?? 0]), ...va.stage.map((n, i) => [n, vb.stage[i] ?? 0])];
  for (const [x = 0, y = 0] of pairs) if (x !== y) return x - y;
  return 0;
}

/** Whether `version` is `minimum` or newer; undefined when it cannot be told (then nobody should be warned). */
export function isHaVersionAtLeast(version: string, minimum: string): boolean | undefined {
  const order = compareHaVersions(version, minimum);
  return order === undefined ? undefined : order >= 0;
}
