/** The "Always on" page in chromium: the user's tasks (pause, delete); memories have their own page (panel-memories). */
import { describe, expect, it } from 'vitest';
import { chat, TEST_USER_HEADERS } from '../support/stack.js';
import { chromiumMissing, openWatchedPage, saveScreenshot } from './support/browser.js';
import { panelUnavailable } from './support/panel-build.js';
import { usePanelWithBrowser } from './support/panel-with-browser.js';

const skipReason = chromiumMissing ?? panelUnavailable();

describe.skipIf(skipReason)('the Always on page', () => {
  const env = usePanelWithBrowser();

  it('lists tasks, pauses and deletes a task; a memory is on the Memories page, not here', async () => {
    const { stack } = env.panel;
    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'task_schedule', input: { prompt: 'Tell me the weather', cron: '0 7 * * *' } }] },
      { content: [{ type: 'tool_use', name: 'memory_save', input: { fact: 'I take the 8:12 train on weekdays' } }] },
      { content: [{ type: 'text', text: 'Done.' }] },
    );
    await chat(stack.url, { message: 'weather every morning at 7, and remember my train' });

    const watched = await openWatchedPage(env.browser);
    const { page } = watched;
    try {
      await page.goto(`${env.panel.url}#/tasks`);
      const task = page.getByTestId('task');
      await expect.poll(() => task.count()).toBe(1);
      expect(await task.innerText()).toContain('Tell me the weather');
      expect(await task.innerText()).toContain('At 07:00 AM');
      expect(await page.getByTestId('memory').count()).toBe(0);
      await saveScreenshot(page, 'always-on');

      await page.getByTestId('task-pause').click();
      await expect.poll(() => task.innerText()).toContain('paused');
      const listed = (await (await fetch(`${stack.url}/api/tasks`, { headers: TEST_USER_HEADERS })).json()) as { tasks: Array<{ status: string }> };
      expect(listed.tasks.map((t) => t.status)).toEqual(['paused']);

      await page.getByTestId('task-delete').click();
      await expect.poll(() => task.count()).toBe(0);
      expect(watched.errors).toEqual([]);
    } finally {
      await watched.close();
    }
  });
});
