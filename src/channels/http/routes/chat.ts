import { Router } from 'express';
import type { ChatEvent } from '../../../agent/events.js';
import { MajordomeError } from '../../../errors.js';
import { ChatMessageBody, turnRequestOf } from '../../chat-message.js';
import type { HttpDeps } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';
import { openEventStream } from '../sse.js';
import { parseOrReject } from '../validate.js';

const DEFAULT_KEEP_ALIVE_MS = 15_000;

/** The event a turn that threw ends with; only our own errors show their message. */
export function errorEventFor(err: unknown): Extract<ChatEvent, { type: 'error' }> {
  if (err instanceof MajordomeError) return { type: 'error', message: err.message, code: err.code };
  return { type: 'error', message: 'Something went wrong while answering.', code: 'internal' };
}

/** `POST /api/chat`: runs one turn and streams its events as SSE. */
export function createChatRouter(deps: HttpDeps): Router {
  const router = Router();
  router.post('/chat', async (req, res) => {
    const user = requireUser(res);
    const body = parseOrReject(ChatMessageBody, req.body, res);
    if (!body) return;
    if (body.conversation_id !== undefined) {
      const conversation = await deps.conversations.get(body.conversation_id);
      // Another user's conversation is refused before streaming, as if it did not exist. An
      // unknown id is let through: the agent starts a conversation under the id the client chose.
      if (conversation && conversation.userId !== user.id) {
        return sendError(res, 404, 'not_found', 'No such conversation.');
      }
    }

    const controller = new AbortController();
    const stream = openEventStream(res, {
      keepAliveMs: deps.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS,
      onClientGone: () => controller.abort(new MajordomeError('cancelled', 'The client went away.')),
    });
    const sink = (event: ChatEvent): void => {
      if (stream.closed) return;
      stream.send(event);
      if (event.type === 'done' || event.type === 'error') stream.end();
    };

    try {
      const outcome = await deps.agent.runTurn(turnRequestOf(body, user, 'http', controller.signal), sink);
      sink({ type: 'done', conversation_id: outcome.conversationId, text: outcome.text });
    } catch (err) {
      if (!(err instanceof MajordomeError)) {
        deps.logger?.error({ err: err instanceof Error ? err.message : String(err) }, 'chat turn failed');
      }
      sink(errorEventFor(err));
    } finally {
      stream.end();
    }
  });
  return router;
}
