/**
 * Issue 19, a mixed household, in chromium: Alice asks in English to unlock the front door; Bob,
 * a listed approver whose Home Assistant speaks French, opens the Approvals page in the panel HA
 * frames and reads what and why in French. His yes unlocks the door, once, and his card stays in
 * French; Alice's own list still reads in English.
 */
import { describe, expect, it } from 'vitest';
import { callService, echoResult } from '../fake-llm/replies.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { chat, TEST_USER_HEADERS } from '../support/stack.js';
import { until } from '../support/until.js';
import { chromiumMissing, saveScreenshot } from './support/browser.js';
import { openInHa } from './support/ha-frame.js';
import { panelUnavailable } from './support/panel-build.js';
import { usePanelWithBrowser } from './support/panel-with-browser.js';

const skipReason = chromiumMissing ?? panelUnavailable();
const UNLOCK_FRONT = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };

describe.skipIf(skipReason)('Bob approves Alice’s English request in French', () => {
  const env = usePanelWithBrowser({
    home: loadIntentsHome(),
    options: { approvers: ['bob'] },
    user: { id: 'user-bob', name: 'bob', displayName: 'Bob' },
  });

  it('reads what and why in French on the Approvals page, and his yes runs the call once', async () => {
    const { stack } = env.panel;
    stack.sim.setState('lock.front_door', 'locked');
    stack.llm.enqueue(callService(UNLOCK_FRONT), echoResult);
    const turn = chat(stack.url, { message: 'unlock the front door', language: 'en' }, TEST_USER_HEADERS);

    const { watched, page, frame } = await openInHa(env.browser, env.panel.url, { language: 'fr' }, '#/approvals');
    try {
      const card = frame.getByTestId('approval-card').filter({ has: frame.getByTestId('approval-approve') }).first();
      await card.waitFor();
      const [what, why] = await card.locator('dd').allInnerTexts();
      expect(what).toBe('Déverrouiller Front Door (lock.front_door)');
      expect(why).toMatch(/^Déverrouiller ou ouvrir une serrure demande un oui \(lock\.front_door\)/);
      await saveScreenshot(page, 'approver-language-card');

      // Alice, who asked, still reads her own words.
      const alices = (await (await fetch(`${stack.url}/api/approvals?status=pending&language=en`, { headers: TEST_USER_HEADERS })).json()) as {
        approvals: Array<{ summary: string }>;
      };
      expect(alices.approvals.map((a) => a.summary)).toEqual(['Unlock Front Door (lock.front_door)']);
      expect(stack.sim.serviceCalls.filter((c) => c.domain === 'lock')).toEqual([]);

      await card.getByTestId('approval-approve').click();
      await until(() => stack.sim.getState('lock.front_door')?.state === 'unlocked', 'the front door unlocked');
      const decided = frame.getByTestId('approval-card').filter({ hasText: 'Approuvé par Bob' }).first();
      await decided.waitFor();
      expect((await decided.locator('dd').allInnerTexts())[0]).toBe('Déverrouiller Front Door (lock.front_door)');
      await turn;
      expect(stack.sim.serviceCalls.filter((c) => c.domain === 'lock' && c.service === 'unlock')).toHaveLength(1);
      expect(watched.errors).toEqual([]);
    } finally {
      await watched.close();
    }
  });
});
