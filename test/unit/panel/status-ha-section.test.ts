// @vitest-environment jsdom
import { render } from 'lit';
import { describe, expect, it } from 'vitest';
import { createLocalize } from '../../../panel/src/common/localize.js';
import type { StatusReport } from '../../../panel/src/data/status.js';
import { haSection } from '../../../panel/src/views/status-sections.js';

function show(ha: StatusReport['ha'], language: 'en' | 'fr' = 'en'): HTMLElement {
  const host = document.createElement('div');
  render(haSection({ localize: createLocalize(language), language }, ha), host);
  return host;
}

describe('the Home Assistant card of the status page', () => {
  it('says which HA version voice needs when HA is too old, with the version it found', () => {
    const host = show({ connected: true, ha_version: '2024.8.3', since: 1, voice_needs_ha: '2024.11.0' });
    const note = host.querySelector('[data-testid="voice-needs-ha"]');
    expect(note?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Voice (Assist) needs Home Assistant 2024.11.0 or newer; this is 2024.8.3. Update Home Assistant to talk to Majordome from Assist.',
    );
    expect(show({ connected: true, ha_version: '2024.8.3', since: 1, voice_needs_ha: '2024.11.0' }, 'fr').textContent).toContain('Home Assistant 2024.11.0 ou plus récent');
  });

  it('says nothing about voice when HA is recent enough', () => {
    const host = show({ connected: true, ha_version: '2026.11.0', since: 1 });
    expect(host.querySelector('[data-testid="voice-needs-ha"]')).toBeNull();
    expect(host.textContent).not.toMatch(/Voice/);
  });
});
