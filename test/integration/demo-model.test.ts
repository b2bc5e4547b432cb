/**
 * The demo shows the point: its stand-in model answers the panel's own example questions right
 * (English and French, as the panel offers them), on the demo's home, through the real server and
 * tools; and the home has a lock, a garage door and a phone, so asking to open them brings an
 * approval to the phone.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumMissing } from '../e2e/support/browser.js';
import { PARISH_HALL_QUESTION } from '../fake-llm/demo-browser.js';
import { createDemoResponder, demoGreeting, DEMO_MODEL_NAME } from '../fake-llm/demo-model.js';
import { DEMO_PHONE_SERVICE, loadDemoHome } from '../ha-sim/index.js';
import { PARISH_HALL_HOURS, startParishHallSite, type ParishHallSite } from '../support/parish-hall-site.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';
import { until } from '../support/until.js';

const examples = (language: 'en' | 'fr'): string[] => {
  const table = JSON.parse(readFileSync(new URL(`../../panel/src/translations/${language}.json`, import.meta.url), 'utf8')) as Record<string, string>;
  return ['chat.example_1', 'chat.example_2', 'chat.example_3'].map((key) => table[key] ?? '');
};

const answerOf = (events: Array<Record<string, unknown>>): string =>
  events.filter((e) => e.type === 'text').map((e) => String(e.delta)).join('');

describe('the demo model on the demo home', () => {
  let stack: Stack;
  const home = loadDemoHome();
  const states = () => home.states.map((s) => stack.sim.getState(s.entity_id) ?? s);
  const lightsOn = () => states().filter((s) => s.entity_id.startsWith('light.') && s.state === 'on');
  const kitchenLights = () => states().filter((s) => s.entity_id.startsWith('light.kitchen'));

  beforeAll(async () => {
    stack = await startStack({ home, options: { model: DEMO_MODEL_NAME, approval_notify: [DEMO_PHONE_SERVICE] } });
  });
  afterAll(async () => stack?.stop());
  beforeEach(() => {
    for (const light of kitchenLights()) stack.sim.setState(light.entity_id, 'on');
    stack.llm.enqueue(...Array.from({ length: 6 }, () => createDemoResponder()));
  });

  it.each(['en', 'fr'] as const)('answers "which lights are on" with the lights that are on (%s)', async (language) => {
    const names = lightsOn().map((s) => String(s.attributes.friendly_name));
    expect(names.length).toBeGreaterThan(1);
    const answer = answerOf(await chat(stack.url, { message: examples(language)[0]! }));
    expect(answer).toMatch(language === 'fr' ? /^Lumières allumées : / : /^These lights are on: /);
    for (const name of names) expect(answer).toContain(name);
  });

  it.each(['en', 'fr'] as const)('turns off the kitchen lights, and only them (%s)', async (language) => {
    expect(kitchenLights().length).toBeGreaterThan(0);
    const others = lightsOn().filter((s) => !s.entity_id.startsWith('light.kitchen')).map((s) => s.entity_id);
    const answer = answerOf(await chat(stack.url, { message: examples(language)[1]! }));
    expect(kitchenLights().every((s) => s.state === 'off')).toBe(true);
    expect(lightsOn().map((s) => s.entity_id)).toEqual(others);
    expect(answer).toMatch(language === 'fr' ? /^C'est fait : j'ai éteint / : /^Done: I turned off /);
  });

  it.each(['en', 'fr'] as const)('tells the living room temperature (%s)', async (language) => {
    const sensor = states().find((s) => s.entity_id === 'sensor.living_room_temperature');
    expect(sensor).toBeDefined();
    const answer = answerOf(await chat(stack.url, { message: examples(language)[2]! }));
    expect(answer).toContain(`${sensor!.state} ${String(sensor!.attributes.unit_of_measurement)}`);
    expect(answer).toMatch(language === 'fr' ? /dans le salon/ : /in the living room/);
  });

  it('asks for a yes on the phone before opening the garage door', async () => {
    const turn = chat(stack.url, { message: 'open the garage door' });
    const notice = await until(
      () => stack.sim.serviceCalls.find((c) => `notify.${c.service}` === DEMO_PHONE_SERVICE && c.service_data.title !== undefined),
      'the phone notification',
    );
    expect(String(notice.service_data.message)).toMatch(/^Open Garage Door \(cover\.garage_door\)\. Opening a garage door, gate or door needs a yes/);
    const id = (notice.service_data.data as { tag: string }).tag.replace('majordome-approval-', '');
    await fetch(`${stack.url}/api/approvals/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(answerOf(await turn)).toBe('Done: I opened Garage Door.');
    expect(states().find((s) => s.entity_id === 'cover.garage_door')?.state).toMatch(/open/);
  });

  it.each(['en', 'fr'] as const)('does what its greeting suggests, and says so in its language: the kitchen light on, the garage door open after a yes (%s)', async (language) => {
    const [light, garage] = [...demoGreeting(language).matchAll(/"([^"]+)"|« ([^»]+) »/g)].map((m) => m[1] ?? m[2] ?? '');
    expect(light).toMatch(language === 'fr' ? /cuisine/ : /kitchen/);
    stack.sim.setState('light.kitchen_spotlights', 'off');
    stack.sim.setState('cover.garage_door', 'closed');
    const lightAnswer = answerOf(await chat(stack.url, { message: light!, language }));
    expect(states().find((s) => s.entity_id === 'light.kitchen_spotlights')?.state).toBe('on');
    expect(lightAnswer).toMatch(language === 'fr' ? /^C'est fait : j'ai allumé Kitchen spotlights/ : /^Done: I turned on Kitchen spotlights/);

    const turn = chat(stack.url, { message: garage!, language });
    const pending = await until(async () => {
      const list = (await (await fetch(`${stack.url}/api/approvals?status=pending`, { headers: TEST_USER_HEADERS })).json()) as { approvals: Array<{ id: string }> };
      return list.approvals[0];
    }, 'the approval to open the garage door');
    await fetch(`${stack.url}/api/approvals/${pending.id}`, { method: 'POST', headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS }, body: JSON.stringify({ decision: 'approve' }) });
    expect(answerOf(await turn)).toBe(language === 'fr' ? "C'est fait : j'ai ouvert Garage Door." : 'Done: I opened Garage Door.');
    expect(states().find((s) => s.entity_id === 'cover.garage_door')?.state).toMatch(/open/);
  });

  it('introduces itself as the demo model in the chat when it cannot read a message', async () => {
    expect(answerOf(await chat(stack.url, { message: 'hello' }))).toMatch(/^I am the demo model \(a scripted stand-in, not Claude\)/);
    expect(answerOf(await chat(stack.url, { message: 'bonjour' }))).toMatch(/^Je suis le demo model/);
  });

  it('names itself "demo model" on the status page, with no cost', async () => {
    const status = (await (await fetch(`${stack.url}/api/status`, { headers: TEST_USER_HEADERS })).json()) as {
      llm: { model?: string };
      usage?: { cost_usd: number; unpriced_tokens: number };
    };
    expect(status.llm.model).toBe(DEMO_MODEL_NAME);
    // It has no price: its tokens are counted as unpriced (the usage page says "no price"), never as spent.
    expect(status.usage).toMatchObject({ cost_usd: 0, unpriced_tokens: expect.any(Number) });
    expect(status.usage!.unpriced_tokens).toBeGreaterThan(0);
  });
});

describe.skipIf(chromiumMissing)('the demo model reads the parish hall page with the real browser', () => {
  let stack: Stack;
  let site: ParishHallSite;

  beforeAll(async () => {
    site = await startParishHallSite();
    // As the demo does: the page is on loopback, which only browser_allow_private reaches.
    stack = await startStack({ home: loadDemoHome(), options: { model: DEMO_MODEL_NAME, browser_enabled: true, browser_allow_private: true } });
  });
  afterAll(async () => {
    await stack?.stop();
    await site?.stop();
  });

  it('asks before opening the page, then shows a screenshot, reads it and answers with the hours the page gives', async () => {
    stack.llm.enqueue(...Array.from({ length: 5 }, () => createDemoResponder({ parishHallUrl: site.url })));
    const turn = chat(stack.url, { message: PARISH_HALL_QUESTION });
    // The conversation has read the home's data, so a new address asks first: the demo shows that yes too.
    const pending = await until(async () => {
      const list = (await (await fetch(`${stack.url}/api/approvals?status=pending`, { headers: TEST_USER_HEADERS })).json()) as { approvals: Array<{ id: string; tool: string }> };
      return list.approvals.find((a) => a.tool === 'browser_open');
    }, 'the approval to open the page');
    await fetch(`${stack.url}/api/approvals/${pending.id}`, { method: 'POST', headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS }, body: JSON.stringify({ decision: 'approve' }) });
    const events = await turn;
    const saturday = PARISH_HALL_HOURS.find(([day]) => day === 'Saturday')![1];
    expect(answerOf(events)).toBe(`According to its page, the parish hall is open on Saturday from ${saturday}.`);
    expect(events.filter((e) => e.type === 'tool_call').map((e) => e.name)).toEqual(['browser_open', 'browser_screenshot', 'browser_snapshot']);
    expect(events.filter((e) => e.type === 'tool_result').every((e) => e.ok === true)).toBe(true);
    expect(events).toContainEqual(expect.objectContaining({ type: 'tool_result', summary: expect.stringMatching(/^Screenshot of 127\.0\.0\.1:\d+ \(api\/browser\/screenshots\/[a-f0-9]{32}\)$/) }));
  });
});

describe('the demo model without the browser', () => {
  it('says the browser is off in this demo', async () => {
    const stack = await startStack({ home: loadDemoHome(), options: { model: DEMO_MODEL_NAME } });
    try {
      stack.llm.enqueue(createDemoResponder());
      expect(answerOf(await chat(stack.url, { message: PARISH_HALL_QUESTION }))).toBe('The browser is off in this demo: chromium is not installed on this machine.');
    } finally {
      await stack.stop();
    }
  });
});
