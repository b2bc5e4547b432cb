// @vitest-environment jsdom
import { render } from 'lit';
import { describe, expect, it } from 'vitest';
import { createLocalize } from '../../../panel/src/common/localize.js';
import { renderModelLabel } from '../../../panel/src/views/chat-model-label.js';

function show(llm: { model: string | undefined; configured: boolean } | undefined, language: 'en' | 'fr' = 'en'): HTMLElement {
  const host = document.createElement('div');
  render(renderModelLabel(createLocalize(language), llm), host);
  return host;
}

describe('the chat says which model answers', () => {
  it('names the model, in English and French', () => {
    expect(show({ model: 'demo model', configured: true }).querySelector('[data-testid="model-label"]')?.textContent).toBe('Answered by demo model');
    expect(show({ model: 'claude-sonnet-4-5', configured: true }, 'fr').textContent).toBe('Réponses de claude-sonnet-4-5');
  });

  it('says nothing when no model is configured or the status is unknown', () => {
    expect(show({ model: 'claude-sonnet-4-5', configured: false }).querySelector('[data-testid="model-label"]')).toBeNull();
    expect(show({ model: undefined, configured: true }).textContent).toBe('');
    expect(show(undefined).textContent).toBe('');
  });
});
