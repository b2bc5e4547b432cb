/**
 * Part of the composition root (main.ts): every event of Majordome's one bus. Each module that
 * announces declares its own slice next to its code; the root joins them here, so the bus it
 * hands out is typed for all of them and each module sees only its own.
 */
import type { HaEvents } from '../ha/ha-connection.js';
import type { ApprovalEvents } from '../policy/index.js';

/** The event map of the bus main.ts builds. */
export type MajordomeEvents = HaEvents & ApprovalEvents;
