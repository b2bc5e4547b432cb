import { describe, expect, it } from 'vitest';
import { toSpeech } from '../../../../src/channels/wyoming/to-speech.js';

describe('spoken answers', () => {
  it('drops markdown marks but keeps the words', () => {
    expect(toSpeech('**Done.** The *kitchen* light is `on`. See [the panel](http://x/y).')).toBe('Done. The kitchen light is on. See the panel.');
  });

  it('leaves underscores inside entity ids alone', () => {
    expect(toSpeech('I turned on light.kitchen_light and _really_ switch.tv_plug.')).toBe('I turned on light.kitchen_light and really switch.tv_plug.');
  });

  it('reads a short list as one enumeration', () => {
    expect(toSpeech('Lights on:\n- Kitchen\n- Hall\n- Porch')).toBe('Lights on: Kitchen, Hall and Porch.');
    expect(toSpeech('Lumières allumées :\n1. Cuisine\n2. Entrée', { language: 'fr' })).toBe('Lumières allumées : Cuisine et Entrée.');
  });

  it('cuts a long list of tool output', () => {
    const list = Array.from({ length: 12 }, (_, i) => `- sensor ${i + 1}: 20 °C`).join('\n');
    expect(toSpeech(`Here they are:\n${list}`)).toBe('Here they are: sensor 1: 20 °C, sensor 2: 20 °C, sensor 3: 20 °C, sensor 4: 20 °C, sensor 5: 20 °C, and 7 more.');
  });

  it('drops code blocks, rules and table separators, and reads headings and table rows as sentences', () => {
    const text = '## Status\nAll good\n```json\n{"a":1}\n```\n---\n| Room | Temp |\n|---|---|\n| Kitchen | 21 |';
    expect(toSpeech(text)).toBe('Status. All good Room, Temp. Kitchen, 21.');
  });

  it('caps a long answer at a sentence end', () => {
    const long = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const spoken = toSpeech(long, { maxChars: 100 });
    expect(spoken.length).toBeLessThanOrEqual(100);
    expect(spoken).toMatch(/here\.$/);
  });

  it('gives an empty string for an answer with nothing to say', () => {
    expect(toSpeech('```\ncode only\n```')).toBe('');
  });
});
