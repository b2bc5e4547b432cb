import { basicCommands } from './basic.js';
import { configCommands } from './config.js';
import { callAndHistoryCommands } from './call-history.js';
import { eventCommands } from './events.js';
import { frontendCommands } from './frontend.js';
import { registryCommands } from './registries.js';
import { templateCommands } from './template.js';
import { triggerCommands } from './trigger.js';
import type { CommandTable } from './types.js';

/** Every WebSocket command the sim implements. Unknown types answer `unknown_command`. */
export function createCommandTable(): CommandTable {
  return { ...basicCommands, ...eventCommands, ...registryCommands, ...callAndHistoryCommands, ...templateCommands, ...triggerCommands, ...configCommands, ...frontendCommands };
}
