import { MajordomeError } from '../../errors.js';
import { createNotifyUserTool, type NotifyToolDeps } from '../../tools/notify.js';
import type { TaskNotifier } from './task-run.js';

/** Delivers task answers the way `notify_user` does (phones, else HA's notification list). */
export function createTaskNotifier(deps: NotifyToolDeps): TaskNotifier {
  const tool = createNotifyUserTool(deps);
  const context = { user: { id: 'system', via: 'system' as const }, conversationId: 'task', signal: new AbortController().signal, language: 'en' };
  return async (message, title) => {
    const result = await tool.execute({ message, title: title.slice(0, 100) }, context);
    if (!result.ok) throw new MajordomeError('internal', result.summary);
  };
}
