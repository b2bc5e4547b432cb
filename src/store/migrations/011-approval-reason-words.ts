import type { Migration } from '../migrate.js';

/**
 * An approval keeps its reason before it was worded (JSON: message keys and their values, see
 * messages/wording.ts), so that each approver reads it in their own language; `reason` stays the
 * sentence the requester read, as the audit log has it. Approvals made before have none: they show
 * their stored reason to everyone.
 */
const SQL = `ALTER TABLE approvals ADD COLUMN reason_words TEXT;`;

/** Eleventh schema step. */
export const approvalReasonWords: Migration = {
  version: 11,
  name: 'approval-reason-words',
  up(db) {
    db.exec(SQL);
  },
};
