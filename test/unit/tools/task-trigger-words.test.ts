/**
 * The approval of a task started by a state change says the state in HA's own word in the
 * person's language ("vers déverrouillé"); the stored trigger, and so what the model reads, keeps
 * HA's state (`unlocked`).
 */
import { describe, expect, it } from 'vitest';
import { readStateWords } from '../../../src/ha/state-words.js';
import { stateWordingFor } from '../../../src/tools/home.js';
import { createTaskScheduleTool, type ScheduledTask, type TaskScheduleInput, type TaskService } from '../../../src/tools/tasks.js';
import type { ToolContext } from '../../../src/tools/tool.js';
import { translationResources } from '../../ha-sim/translations/resources.js';

// The home's entities as the index knows them: the pet door is a door.
const deviceClasses: Record<string, string> = { 'binary_sensor.pet_door': 'door' };
const index = { getState: (id: string) => (deviceClasses[id] ? { attributes: { device_class: deviceClasses[id] } } : undefined) } as never;
// HA's words for states, as the simulator answers frontend/get_translations.
const stateWords = { table: async (language: string) => readStateWords({ resources: translationResources(language, 'entity_component') }) };

/** A scheduler that keeps what it was asked to schedule. */
function keepingTasks(): TaskService & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    schedule(_owner, request) {
      asked.push(request);
      return { id: 't1', prompt: request.prompt, spec: { kind: 'trigger', trigger: request.trigger }, status: 'active' } as unknown as ScheduledTask;
    },
    list: () => [],
    cancel: () => false,
  };
}

/** The approval summary of `input` in `language`, after the tool prepared it as the runner does. */
async function summaryIn(input: TaskScheduleInput, language: string, tasks: TaskService = keepingTasks()): Promise<string> {
  const tool = createTaskScheduleTool({ tasks, wordStates: (lang) => stateWordingFor({ index, stateWords }, lang) });
  await tool.prepare?.(input, language);
  return tool.describe?.(input, language).summary ?? '';
}

const unlocked = { prompt: 'Préviens-moi', trigger: { type: 'state', entity_id: 'lock.front_door', from: 'locked', to: 'unlocked' } } as const;

describe('a task trigger’s states in the approval', () => {
  it('are HA’s French words inside the French sentence', async () => {
    expect(await summaryIn(unlocked, 'fr')).toBe(
      'Planifier une tâche qui s’exécute à chaque changement de lock.front_door depuis verrouillé vers déverrouillé, pour : Préviens-moi',
    );
    expect(await summaryIn({ prompt: 'Dis-moi qui entre', trigger: { type: 'state', entity_id: 'binary_sensor.pet_door', to: 'on' } }, 'fr-FR')).toContain(
      'à chaque changement de binary_sensor.pet_door vers ouvert,',
    );
  });

  it('stay as they are when they are no state HA has a word for, and for English speakers', async () => {
    expect(await summaryIn({ prompt: 'Préviens-moi', trigger: { type: 'state', entity_id: 'lock.front_door', to: 'wide open' } }, 'fr')).toContain('vers wide open,');
    expect(await summaryIn(unlocked, 'en')).toBe('Schedule a task that runs whenever lock.front_door changes from locked to unlocked, doing: Préviens-moi');
  });

  it('are stored as HA names them, for the trigger and the model', async () => {
    const tasks = keepingTasks();
    const tool = createTaskScheduleTool({ tasks, wordStates: (lang) => stateWordingFor({ index, stateWords }, lang) });
    await tool.prepare?.(unlocked, 'fr');
    const ctx: ToolContext = { user: { id: 'u1', via: 'system' }, conversationId: 'c1', signal: new AbortController().signal, language: 'fr' };
    const result = await tool.execute(unlocked, ctx);
    expect(tasks.asked).toEqual([expect.objectContaining({ trigger: unlocked.trigger })]);
    expect(JSON.stringify(result.output)).toContain('"to":"unlocked"');
  });
});
