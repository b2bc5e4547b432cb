import type { Migration } from '../migrate.js';

/**
 * Taint that follows a task: a task scheduled in a conversation that had read someone else's text
 * keeps what was read (`taint_source`, as conversation_taint.source), and each run's conversation
 * is tainted with it before the turn starts. NULL for tasks scheduled in a clean conversation,
 * and for every task created before this step (nothing recorded then).
 */
const SQL = `
ALTER TABLE tasks ADD COLUMN taint_source TEXT;
`;

/** Seventh schema step. */
export const taskTaint: Migration = {
  version: 7,
  name: 'task-taint',
  up(db) {
    db.exec(SQL);
  },
};
