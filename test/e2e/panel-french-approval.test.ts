/**
 * Issue 19's "French end to end, the phone included", in chromium: HA speaks French (the computer
 * does not), and a French person asks, in the panel HA frames, to unlock the demo home's front
 * door. The approval card says what and why in French, offers no "Always allow" on a lock and says
 * why; the phone gets a French notification with French buttons; approving in the panel unlocks
 * the door and clears the phone's notification; the tool card and the demo model's answer then
 * read in French.
 */
import { describe, expect, it } from 'vitest';
import { createDemoResponder, DEMO_MODEL_NAME } from '../fake-llm/demo-model.js';
import { DEMO_PHONE_SERVICE, loadDemoHome } from '../ha-sim/index.js';
import { until } from '../support/until.js';
import { chromiumMissing, saveScreenshot } from './support/browser.js';
import { openInHa } from './support/ha-frame.js';
import { sendFromComposer } from './support/page-helpers.js';
import { panelUnavailable } from './support/panel-build.js';
import { usePanelWithBrowser } from './support/panel-with-browser.js';

const skipReason = chromiumMissing ?? panelUnavailable();

/** The phone's notify service as HA names it in a call (`mobile_app_alice_phone`). */
const PHONE = DEMO_PHONE_SERVICE.replace(/^notify\./, '');

describe.skipIf(skipReason)('a French person unlocks the front door, from the panel in HA to the phone', () => {
  const env = usePanelWithBrowser({
    home: loadDemoHome(),
    options: { model: DEMO_MODEL_NAME, approval_notify: [DEMO_PHONE_SERVICE] },
    fakeAnthropic: { fallback: createDemoResponder() },
  });

  it('asks in French in the panel and on the phone, unlocks once approved in the panel, and clears the phone', async () => {
    const { sim } = env.panel.stack;
    const phoneCalls = () => sim.serviceCalls.filter((c) => c.domain === 'notify' && c.service === PHONE);
    expect(sim.getState('lock.front_door')?.state).toBe('locked');
    const { watched, page, frame } = await openInHa(env.browser, env.panel.url, { language: 'fr' });
    try {
      await sendFromComposer(frame, "Déverrouille la porte d'entrée");
      const card = frame.getByTestId('approval-card').first();
      await card.getByTestId('approval-approve').waitFor();

      // What and why, in French.
      expect(await card.locator('h3').innerText()).toBe('Validation requise');
      const [what, why] = await card.locator('dd').allInnerTexts();
      expect(what).toMatch(/^Déverrouiller Front Door \(lock\.front_door\)$/);
      expect(why).toMatch(/^Déverrouiller ou ouvrir une serrure demande un oui/);
      expect(await card.locator('dt').allInnerTexts()).toEqual(['Ce qui va se passer', 'Pourquoi votre validation est demandée']);
      // A lock asks every time: no "Always allow", and the card says why, in French.
      expect(await card.getByTestId('approval-always').count()).toBe(0);
      expect(await card.getByTestId('approval-always-refused').innerText()).toMatch(/^Cette action ne peut pas devenir une règle permanente/);
      expect(await card.getByTestId('approval-approve').innerText()).toBe('Approuver');
      expect(await card.getByTestId('approval-deny').innerText()).toBe('Refuser');
      // The call's own card says it waits for that yes, not that it is under way.
      const waiting = frame.locator('[data-testid="tool-card"]:not([data-status="ok"])');
      expect(await waiting.getByTestId('tool-title').innerText()).toBe('Front door → déverrouillé');
      expect(await waiting.locator('details.card > summary').innerText()).toContain('En attente de validation');
      await saveScreenshot(page, 'french-approval-card');
      // Nothing reached the lock while the approval waits.
      expect(sim.getState('lock.front_door')?.state).toBe('locked');

      // The phone got the same question, in French, with French buttons.
      const notice = await until(() => phoneCalls().find((c) => c.service_data.title !== undefined), 'the phone notification');
      expect(notice.service_data.title).toBe('Majordome a besoin de votre accord');
      expect(String(notice.service_data.message)).toMatch(
        /^Déverrouiller Front Door \(lock\.front_door\)\. Déverrouiller ou ouvrir une serrure demande un oui.* Demandé par Alice\.$/,
      );
      const data = notice.service_data.data as { tag: string; actions: Array<{ action: string; title: string }> };
      expect(data.actions.map((a) => a.title)).toEqual(['Approuver', 'Refuser']);

      await card.getByTestId('approval-approve').click();
      await until(() => sim.getState('lock.front_door')?.state === 'unlocked', 'the front door unlocked');
      // Decided in the panel: the phone's notification goes away.
      await until(() => phoneCalls().find((c) => c.service_data.message === 'clear_notification' && (c.service_data.data as { tag?: string }).tag === data.tag), 'the phone notification cleared');
      await card.locator('h3').filter({ hasText: 'Approuvé par Alice' }).waitFor();

      // The tool card that follows reads in French.
      const unlocked = frame.locator('[data-testid="tool-card"][data-status="ok"]').filter({ hasText: 'déverrouillé' });
      await unlocked.waitFor();
      expect(await unlocked.getByTestId('tool-title').innerText()).toBe('Front door → déverrouillé');
      const search = frame.locator('[data-testid="tool-card"][data-status="ok"]').first();
      expect(await search.getByTestId('tool-title').innerText()).toBe("Recherche de « porte d'entrée »");
      // And the demo's model answers in French too.
      await frame.getByTestId('message-assistant').filter({ hasText: "C'est fait : j'ai déverrouillé Front Door." }).waitFor();
      await saveScreenshot(page, 'french-approval-done');
      expect(watched.errors).toEqual([]);
    } finally {
      await watched.close();
    }
  });
});
