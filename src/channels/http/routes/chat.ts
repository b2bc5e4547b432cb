import { Router, type Response } from 'express';
import type { ChatEvent } from '../../../contracts/chat-events.js';
import { t } from '../../../messages/messages.js';
import type { UserIdentity } from '../../../contracts/identity.js';
import { ChatMessageBody, turnStartOf } from '../../chat-message.js';
import type { RunningTurn } from '../../running-turns.js';
import type { HttpDeps } from '../deps.js';
import { describeHttpError, sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';
import { requestedLanguage } from '../requested-language.js';
import { openEventStream } from '../sse.js';
import { parseOrReject } from '../validate.js';

const DEFAULT_KEEP_ALIVE_MS = 15_000;

/**
 * Streams a running turn as SSE until it ends: the events so far, then the rest. A client that
 * goes away only stops listening; the turn runs on and can be attached again.
 */
function streamTurn(deps: HttpDeps, res: Response, turn: RunningTurn): void {
  // A client that started a new conversation learns its id at once, to attach again later.
  res.setHeader('X-Conversation-Id', turn.conversationId);
  const stream = openEventStream(res, {
    keepAliveMs: deps.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS,
    onClientGone: () => detach(),
  });
  const detach = turn.attach((event: ChatEvent) => {
    stream.send(event);
    if (event.type === 'done' || event.type === 'error') stream.end();
  });
}

/** The running turn of a conversation of this user, or a 404 sent (worded in `language`). */
function runningTurnOr404(deps: HttpDeps, res: Response, user: UserIdentity, conversationId: string, language: string | undefined): RunningTurn | undefined {
  const turn = deps.turns.inConversation(conversationId, user.id);
  if (!turn) sendError(res, 404, 'not_found', t(language, 'turn.not_running'));
  return turn;
}

/**
 * `POST /api/chat` starts a turn and streams its events as SSE; `GET /api/conversations/:id/turn`
 * attaches to the running turn of a conversation (events so far, then the rest);
 * `DELETE /api/conversations/:id/turn` stops it.
 */
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
        return sendError(res, 404, 'not_found', t(body.language ?? deps.language, 'turn.no_conversation'));
      }
    }
    let turn: RunningTurn;
    try {
      turn = deps.turns.start(turnStartOf(body, user, 'http'));
    } catch (err) {
      const view = describeHttpError(err);
      return sendError(res, view.status, view.code, view.message);
    }
    streamTurn(deps, res, turn);
  });

  router.get('/conversations/:id/turn', (req, res) => {
    const user = requireUser(res);
    const turn = runningTurnOr404(deps, res, user, req.params.id, requestedLanguage(req.query['language'], deps.language));
    if (turn) streamTurn(deps, res, turn);
  });

  router.delete('/conversations/:id/turn', (req, res) => {
    const user = requireUser(res);
    const turn = runningTurnOr404(deps, res, user, req.params.id, requestedLanguage(req.query['language'], deps.language));
    if (!turn) return;
    // The turn says it stopped in its own language: its stream is read by whoever asked.
    turn.stop();
    res.json({ ok: true });
  });
  return router;
}
