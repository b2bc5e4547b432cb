import { describe, expect, it } from 'vitest';
import { toolImagesOf } from '../../../panel/src/common/tool-images.js';

describe('pictures a tool result points at', () => {
  it('finds a screenshot by its API path and keeps the rest of the summary as the caption', () => {
    expect(toolImagesOf('Screenshot of shop.example (api/browser/screenshots/0a1b2c)')).toEqual({
      paths: ['browser/screenshots/0a1b2c'],
      caption: 'Screenshot of shop.example',
    });
  });

  it('loads nothing from any other address, however the summary names it', () => {
    for (const summary of [
      'Opened https://evil.example/api/browser/x.png',
      'Mail from eve: see https://evil.example/track.gif',
      'api/browser/screenshots/../../options.json',
      'Screenshot (api/browser/screenshots/)',
    ]) {
      expect(toolImagesOf(summary).paths.filter((p) => !/^browser\/screenshots\/[A-Za-z0-9_-]+$/.test(p))).toEqual([]);
    }
    expect(toolImagesOf('Opened https://evil.example/a.png').paths).toEqual([]);
    expect(toolImagesOf('api/browser/screenshots/../../options.json').paths).toEqual([]);
  });

  it('leaves a summary without pictures as it is', () => {
    expect(toolImagesOf('Turned on the lamp')).toEqual({ paths: [], caption: 'Turned on the lamp' });
  });
});
