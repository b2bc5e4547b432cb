import { ModelError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ModelRequest, ModelResponse, ModelStreamEvent } from './provider.js';

/** One model call against a named model, streaming text through `onText`. */
export type ModelAttempt = (model: string, request: ModelRequest, onText: (text: string) => void) => Promise<ModelResponse>;

/**
 * A provider's `complete`: tries the primary model, then the fallback once when the primary stays
 * unavailable and no text has reached the user yet (a second answer would repeat it).
 */
export function completeWithFallback(
  attempt: ModelAttempt,
  models: { model: string; fallbackModel?: string | undefined },
  logger: Logger | undefined,
): (request: ModelRequest, onEvent?: (event: ModelStreamEvent) => void) => Promise<ModelResponse> {
  return async (request, onEvent) => {
    let streamed = false;
    const onText = (text: string) => {
      streamed = true;
      try {
        onEvent?.({ type: 'text_delta', text });
      } catch (err) {
        // A failing listener must not kill the answer the model is still sending.
        logger?.warn({ err }, 'text delta listener failed');
      }
    };
    try {
      return await attempt(models.model, request, onText);
    } catch (err) {
      const fallback = models.fallbackModel;
      const canFallBack = err instanceof ModelError && err.code === 'model_unavailable' && fallback && fallback !== models.model && !streamed;
      if (!canFallBack) throw err;
      logger?.warn({ model: models.model, fallbackModel: fallback, status: err.status }, 'primary model unavailable, trying the fallback model');
      return attempt(fallback, request, onText);
    }
  };
}
