/**
 * Picks and builds the Provider named by `llm_provider`; undefined while it cannot be used (no key).
 * Each SDK is imported only for its provider: the one not chosen never costs memory.
 */
import type { Config } from '../config/config.js';
import { DEFAULT_ANTHROPIC_MODEL, DEFAULT_OPENAI_MODEL } from '../config/options.js';
import type { Logger } from '../logger.js';
import type { Provider } from './provider.js';

/** The model a configuration asks for, defaults included. */
export function configuredModel(config: Pick<Config, 'options'>): string {
  const { options } = config;
  return options.model ?? (options.llm_provider === 'openai' ? DEFAULT_OPENAI_MODEL : DEFAULT_ANTHROPIC_MODEL);
}

/** The provider for this configuration; the option `openai_base_url` wins over `OPENAI_BASE_URL`. */
export async function createConfiguredProvider(config: Pick<Config, 'options' | 'anthropicBaseUrl' | 'openaiBaseUrl'>, logger: Logger): Promise<Provider | undefined> {
  const { options } = config;
  const model = configuredModel(config);
  const common = { model, fallbackModel: options.fallback_model, logger };
  if (options.llm_provider === 'openai') {
    const apiKey = options.openai_api_key ?? '';
    const baseURL = options.openai_base_url ?? config.openaiBaseUrl;
    // A local server (Ollama) needs no key; OpenAI's own API does.
    if (!apiKey && !baseURL) return undefined;
    const { createOpenAiProvider } = await import('./openai.js');
    return createOpenAiProvider({ ...common, apiKey, baseURL, vision: options.openai_vision });
  }
  const apiKey = options.anthropic_api_key ?? '';
  if (!apiKey) return undefined;
  const { createAnthropicProvider } = await import('./anthropic.js');
  return createAnthropicProvider({ ...common, apiKey, baseURL: config.anthropicBaseUrl });
}
