import { describe, expect, it } from 'vitest';
import { buildSystemStatus, describeCapabilities } from '../../../../src/channels/socket/status-report.js';

const HOME_TOOLS = ['ha_find_entities', 'ha_get_state', 'ha_call_service', 'ha_get_history', 'ha_list_areas'];

describe('status report', () => {
  it('marks a capability enabled when the registry holds its tools, and lists them', () => {
    const capabilities = describeCapabilities([...HOME_TOOLS, 'mail_search', 'mail_send']);
    expect(capabilities.find((c) => c.name === 'home')).toEqual({ name: 'home', enabled: true, tools: HOME_TOOLS });
    expect(capabilities.find((c) => c.name === 'mail')).toEqual({ name: 'mail', enabled: true, tools: ['mail_search', 'mail_send'] });
    for (const name of ['browser', 'shell', 'telegram', 'slack']) {
      expect(capabilities.find((c) => c.name === name)).toEqual({ name, enabled: false, tools: [] });
    }
  });

  it('reports chat channels from their switches, since they are not tools', () => {
    const capabilities = describeCapabilities([], { telegram: true });
    expect(capabilities.find((c) => c.name === 'telegram')?.enabled).toBe(true);
    expect(capabilities.find((c) => c.name === 'slack')?.enabled).toBe(false);
  });

  it('maps HA status and the entity count to the wire names, leaving out what is unknown', () => {
    const status = buildSystemStatus({
      version: '0.1.0',
      mode: 'addon',
      language: 'fr',
      ha: () => ({ connected: false, lastError: 'Connection refused', since: 1700000000000 }),
      entityCount: () => 0,
      llm: { provider: 'anthropic', model: 'claude-x', configured: false },
      toolNames: () => HOME_TOOLS,
    });
    expect(status).toMatchObject({
      version: '0.1.0',
      mode: 'addon',
      language: 'fr',
      ha: { connected: false, last_error: 'Connection refused', since: 1700000000000, entities: 0 },
      llm: { provider: 'anthropic', model: 'claude-x', configured: false },
    });
    expect(status.ha).not.toHaveProperty('ha_version');
    expect(status.ha).not.toHaveProperty('voice_needs_ha');
    expect(status).not.toHaveProperty('user');
  });

  it('names the HA version voice needs when the connected HA is older, and only then', () => {
    const report = (haVersion: string) =>
      buildSystemStatus({
        version: '0.1.0',
        mode: 'addon',
        language: 'en',
        ha: () => ({ connected: true, haVersion, since: 1 }),
        entityCount: () => 0,
        llm: { provider: 'anthropic', model: 'claude-x', configured: true },
        toolNames: () => [],
      }).ha;
    expect(report('2024.8.3')).toMatchObject({ ha_version: '2024.8.3', voice_needs_ha: '2024.11.0' });
    expect(report('2024.11.0')).not.toHaveProperty('voice_needs_ha');
    expect(report('2026.1.0.dev0')).not.toHaveProperty('voice_needs_ha');
    // A version that cannot be read is no reason to warn.
    expect(report('custom')).not.toHaveProperty('voice_needs_ha');
  });
});
