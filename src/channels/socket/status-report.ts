import { isHaVersionAtLeast, VOICE_MIN_HA_VERSION } from '../../ha/ha-version.js';
import type { UsageReport } from '../../llm/usage-report.js';
import type { StatusReport } from './protocol.js';

/** The status report minus the caller, which the route adds. */
export type SystemStatus = Omit<StatusReport, 'user'>;

/** The live facts the report reads; `main.ts` passes closures over the real services. */
export interface StatusSources {
  version: string;
  mode: StatusReport['mode'];
  language: string;
  ha(): { connected: boolean; haVersion?: string; lastError?: string; since: number };
  /** Entities the agent can see (the index size). */
  entityCount(): number;
  llm: StatusReport['llm'];
  /** Names of the tools offered to the model. */
  toolNames(): string[];
  /** Chat channels that are not tools; all off until they exist. */
  channels?: { telegram?: boolean; slack?: boolean };
  /** Model usage and budget (the `GET /api/usage` report); absent → no `usage` field. */
  usage?(): UsageReport;
}

/** Today's part of the usage report, as the status page shows it. */
export function describeUsage(report: UsageReport): NonNullable<StatusReport['usage']> {
  const { today, budget } = report;
  return {
    input_tokens: today.input_tokens,
    output_tokens: today.output_tokens,
    cache_read_tokens: today.cache_read_tokens,
    cache_write_tokens: today.cache_write_tokens,
    turns: today.turns,
    calls: today.calls,
    cost_usd: today.cost_usd,
    unpriced_tokens: today.unpriced_tokens,
    since: today.since,
    budget,
  };
}

// Tool capabilities and the name prefix of their tools (DESIGN.md's tool table).
const TOOL_CAPABILITIES: ReadonlyArray<readonly [name: string, prefix: string]> = [
  ['home', 'ha_'],
  ['mail', 'mail_'],
  ['browser', 'browser_'],
  ['shell', 'shell_'],
  ['memory', 'memory_'],
  ['tasks', 'task_'],
  ['notify', 'notify_'],
];

/** One entry per capability: enabled when the registry holds any of its tools; channels from config. */
export function describeCapabilities(toolNames: readonly string[], channels: StatusSources['channels'] = {}): StatusReport['capabilities'] {
  const tools = TOOL_CAPABILITIES.map(([name, prefix]) => {
    const names = toolNames.filter((tool) => tool.startsWith(prefix));
    return { name, enabled: names.length > 0, tools: names };
  });
  return [
    ...tools,
    { name: 'telegram', enabled: channels.telegram === true, tools: [] },
    { name: 'slack', enabled: channels.slack === true, tools: [] },
  ];
}

/** Builds what `GET /api/status` reports about the system (not about the caller). */
export function buildSystemStatus(sources: StatusSources): SystemStatus {
  const ha = sources.ha();
  return {
    version: sources.version,
    mode: sources.mode,
    ha: {
      connected: ha.connected,
      ...(ha.haVersion !== undefined && { ha_version: ha.haVersion }),
      ...(ha.lastError !== undefined && { last_error: ha.lastError }),
      since: ha.since,
      entities: sources.entityCount(),
      ...(ha.haVersion !== undefined && isHaVersionAtLeast(ha.haVersion, VOICE_MIN_HA_VERSION) === false && { voice_needs_ha: VOICE_MIN_HA_VERSION }),
    },
    llm: { ...sources.llm },
    capabilities: describeCapabilities(sources.toolNames(), sources.channels),
    ...(sources.usage && { usage: describeUsage(sources.usage()) }),
    language: sources.language,
  };
}
