import type { Migration } from '../migrate.js';
import { init } from './001-init.js';
import { approvals } from './002-approvals.js';
import { taint } from './003-taint.js';
import { usage } from './004-usage.js';
import { alwaysOn } from './005-always-on.js';
import { chatLinks } from './006-chat-links.js';
import { taskTaint } from './007-task-taint.js';
import { egress } from './008-egress.js';
import { configVersions } from './009-config-versions.js';
import { approvalChannels } from './010-approval-channels.js';
import { approvalReasonWords } from './011-approval-reason-words.js';

/** Every schema step, oldest first. Append new files here; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [init, approvals, taint, usage, alwaysOn, chatLinks, taskTaint, egress, configVersions, approvalChannels, approvalReasonWords];
