/**
 * Issue 19's "the demo answers its own questions right", in chromium: on the demo's home with the
 * demo's model, clicking each example question the empty chat offers (chat.example_1..3) shows the
 * answer the home's states give, in English and in French (HA's language, on an English computer).
 */
import { readFileSync } from 'node:fs';
import type { FrameLocator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createDemoResponder, DEMO_MODEL_NAME } from '../fake-llm/demo-model.js';
import { loadDemoHome } from '../ha-sim/index.js';
import { chromiumMissing, saveScreenshot } from './support/browser.js';
import { openInHa } from './support/ha-frame.js';
import { deepText } from './support/page-helpers.js';
import { panelUnavailable } from './support/panel-build.js';
import { usePanelWithBrowser } from './support/panel-with-browser.js';

const skipReason = chromiumMissing ?? panelUnavailable();

type Language = 'en' | 'fr';

/** The example questions as the panel offers them, from its own translations. */
function examples(language: Language): [string, string, string] {
  const table = JSON.parse(readFileSync(new URL(`../../panel/src/translations/${language}.json`, import.meta.url), 'utf8')) as Record<string, string>;
  const [first, second, third] = ['chat.example_1', 'chat.example_2', 'chat.example_3'].map((key) => table[key] ?? key);
  return [first!, second!, third!];
}

/** "A, B and C" / "A, B et C" back into its names. */
function namesIn(list: string): string[] {
  return list.split(/, | and | et /).map((name) => name.trim());
}

/** Starts a new chat, clicks the example question `question`, and returns the answer once the turn has ended. */
async function ask(frame: FrameLocator, question: string): Promise<string> {
  await frame.getByTestId('new-chat').click();
  await frame.getByRole('button', { name: question, exact: true }).click();
  await frame.getByTestId('message-user').filter({ hasText: question }).waitFor();
  // The turn has ended when the send button is back (the stop button shows while it runs).
  await frame.getByTestId('composer-send').waitFor();
  const answer = frame.getByTestId('message-assistant').last();
  await answer.waitFor();
  return deepText(answer);
}

describe.skipIf(skipReason)("the demo's example questions, clicked in the panel", () => {
  const home = loadDemoHome();
  const env = usePanelWithBrowser({ home, options: { model: DEMO_MODEL_NAME }, fakeAnthropic: { fallback: createDemoResponder() } });
  const states = () => home.states.map((s) => env.panel.stack.sim.getState(s.entity_id) ?? s);
  const lights = () => states().filter((s) => s.entity_id.startsWith('light.'));
  const kitchenLights = () => lights().filter((s) => s.entity_id.startsWith('light.kitchen'));
  // Compared trimmed: a few of the frontend demo's names end with a space.
  const nameOf = (s: { attributes: Record<string, unknown> }) => String(s.attributes.friendly_name).trim();

  for (const [language, words] of [
    ['en', { lightsOn: /^These lights are on: (.+)\.$/, turnedOff: /^Done: I turned off (.+)\.$/, livingRoom: 'in the living room', kitchenCard: 'Kitchen spotlights → off' }],
    ['fr', { lightsOn: /^Lumières allumées : (.+)\.$/, turnedOff: /^C'est fait : j'ai éteint (.+)\.$/, livingRoom: 'dans le salon', kitchenCard: 'Kitchen spotlights → éteint' }],
  ] as const) {
    it(`answers each example question from the home's states (${language})`, async () => {
      const { sim } = env.panel.stack;
      const [whichLights, kitchenOff, temperature] = examples(language);
      for (const light of kitchenLights()) sim.setState(light.entity_id, 'on');
      // A reading the home's fixture does not have, so the answer can only come from the live state.
      const thermometer = sim.getState('sensor.living_room_temperature');
      expect(thermometer).toBeDefined();
      const reading = language === 'en' ? '21.4' : '19.6';
      sim.setState('sensor.living_room_temperature', reading, thermometer!.attributes);

      const { watched, page, frame } = await openInHa(env.browser, env.panel.url, { language });
      try {
        await frame.getByTestId('composer-input').waitFor();

        // "Which lights are on?": exactly the lights that are on.
        const on = lights().filter((s) => s.state === 'on').map(nameOf);
        expect(on.length).toBeGreaterThan(1);
        const listed = words.lightsOn.exec(await ask(frame, whichLights));
        expect(listed, 'the answer lists the lights that are on').not.toBeNull();
        expect(namesIn(listed![1]!).sort()).toEqual([...on].sort());

        // "Turn off the kitchen lights": they go off, and only they.
        const kitchen = kitchenLights();
        expect(kitchen.length).toBeGreaterThan(0);
        const othersOn = lights().filter((s) => s.state === 'on' && !s.entity_id.startsWith('light.kitchen')).map((s) => s.entity_id);
        const turnedOff = words.turnedOff.exec(await ask(frame, kitchenOff));
        expect(turnedOff, 'the answer says the kitchen lights were turned off').not.toBeNull();
        expect(namesIn(turnedOff![1]!).sort()).toEqual(kitchen.map(nameOf).sort());
        expect(kitchenLights().map((s) => s.state)).toEqual(kitchen.map(() => 'off'));
        expect(lights().filter((s) => s.state === 'on').map((s) => s.entity_id)).toEqual(othersOn);
        // Its tool card says what was done, in the panel's language.
        expect(await frame.locator('[data-testid="tool-card"][data-status="ok"]').getByTestId('tool-title').allInnerTexts()).toContain(words.kitchenCard);

        // "What's the temperature in the living room?": the thermometer's reading now.
        const answer = await ask(frame, temperature);
        expect(answer).toContain(`${reading} ${String(thermometer!.attributes.unit_of_measurement)}`);
        expect(answer).toContain(words.livingRoom);
        await saveScreenshot(page, `demo-questions-${language}`);
        expect(watched.errors).toEqual([]);
      } finally {
        await watched.close();
      }
    });
  }
});
