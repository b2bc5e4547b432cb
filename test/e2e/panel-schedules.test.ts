/**
 * The "Always on" page says when tasks run in words, in English and French: no raw cron, no JSON
 * triggers, and a state in HA's own word for French speakers ("Déverrouillé").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { chat } from '../support/stack.js';
import { chromiumMissing, openWatchedPage, saveScreenshot, VIEWPORTS } from './support/browser.js';
import { panelUnavailable } from './support/panel-build.js';
import { usePanelWithBrowser } from './support/panel-with-browser.js';

const skipReason = chromiumMissing ?? panelUnavailable();

describe.skipIf(skipReason)('schedules in words', () => {
  const env = usePanelWithBrowser();

  beforeAll(async () => {
    env.panel.stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'task_schedule', input: { prompt: 'Read me the news', cron: '0 7 * * 1-5' } }] },
      { content: [{ type: 'tool_use', name: 'task_schedule', input: { prompt: 'Tell me who came in', trigger: { type: 'state', entity_id: 'binary_sensor.pet_door', to: 'on' } } }] },
      { content: [{ type: 'tool_use', name: 'task_schedule', input: { prompt: 'Sort my mail', trigger: { type: 'mail' } } }] },
      { content: [{ type: 'tool_use', name: 'task_schedule', input: { prompt: 'Say who unlocked it', trigger: { type: 'state', entity_id: 'lock.front_door', to: 'unlocked' } } }] },
      { content: [{ type: 'text', text: 'Scheduled.' }] },
    );
    await chat(env.panel.stack.url, { message: 'news on weekday mornings, the pet door, my mail and the front door' });
  });

  for (const [language, locale, expected] of [
    ['en', 'en-US', { news: /At 07:00 AM, Monday through Friday/i, door: /When Pet Door opens/, mail: /When new mail arrives/, lock: /When Front Door becomes “unlocked”/ }],
    ['fr', 'fr-FR', { news: /À 07:00, de lundi à vendredi/, door: /Quand Pet Door s'ouvre/, mail: /Quand un nouveau mail arrive/, lock: /Quand Front Door passe à « Déverrouillé »/ }],
  ] as const) {
    it(`says when each task runs in ${language === 'en' ? 'English' : 'French'}`, async () => {
      for (const [screen, viewport, scheme] of [...Object.entries(VIEWPORTS).map(([name, size]) => [name, size, 'light'] as const), ['phone', VIEWPORTS.phone, 'dark'] as const]) {
        const watched = await openWatchedPage(env.browser, { viewport, locale, colorScheme: scheme, isMobile: screen === 'phone' });
        const { page } = watched;
        try {
          await page.goto(`${env.panel.url}#/tasks`);
          const task = (prompt: string) => page.getByTestId('task').filter({ hasText: prompt });
          await task('Read me the news').waitFor();
          const news = await task('Read me the news').innerText();
          expect(news).toMatch(expected.news);
          expect(news).not.toContain('0 7 * * 1-5');
          const door = await task('Tell me who came in').innerText();
          expect(door).toMatch(expected.door);
          expect(door).not.toContain('{');
          expect(await task('Sort my mail').innerText()).toMatch(expected.mail);
          expect(await task('Say who unlocked it').innerText()).toMatch(expected.lock);
          await saveScreenshot(page, `tasks-${language}-${screen}-${scheme}`);
          expect(watched.errors).toEqual([]);
        } finally {
          await watched.close();
        }
      }
    });
  }
});
