/**
 * A structural model of the tool list HA's Assist API gives the model: the intent tools whose
 * platforms meet the exposed domains (HA core intent names and slot shapes), GetDateTime,
 * GetLiveContext, the to-do and calendar readers, and one tool per exposed script. Descriptions
 * are paraphrased, so sizes are close to HA's, not byte-exact.
 */
import type { AssistExposure } from './assist-static-context.js';

/** A tool as sent to the model (Anthropic shape). */
export interface ModelTool {
  name: string;
  description: string;
  input_schema: Record<string, unknown>;
}

interface IntentModel {
  name: string;
  description: string;
  /** Domains the intent works on; undefined = any home. */
  platforms?: string[];
  slots?: Record<string, Record<string, unknown>>;
  required?: string[];
  deviceClasses?: boolean;
  domains?: string[];
}

const percent = { type: 'integer', minimum: 0, maximum: 100 };
// HassTurnOn/Off accept the device classes of covers, valves, switches and media players.
const ON_OFF_DEVICE_CLASSES = [
  'awning', 'blind', 'curtain', 'damper', 'door', 'garage', 'gate', 'shade', 'shutter', 'window',
  'water', 'gas', 'outlet', 'switch', 'tv', 'speaker', 'receiver',
];

const INTENTS: IntentModel[] = [
  { name: 'HassTurnOn', description: 'Turns on, opens or presses a device or entity; for locks it locks.', deviceClasses: true },
  { name: 'HassTurnOff', description: 'Turns off or closes a device or entity; for locks it unlocks.', deviceClasses: true },
  { name: 'HassCancelAllTimers', description: 'Cancels all timers.', slots: { area: { type: 'string' } } },
  { name: 'HassBroadcast', description: 'Broadcast a message through the home.', platforms: ['assist_satellite'], slots: { message: { type: 'string' } }, required: ['message'] },
  { name: 'HassSetPosition', description: 'Sets the position of a device or entity.', platforms: ['cover', 'valve'], slots: { position: percent }, required: ['position'] },
  { name: 'HassStopMoving', description: 'Stops a moving device or entity.', platforms: ['cover', 'valve'] },
  { name: 'HassClimateSetTemperature', description: 'Sets the target temperature of a climate device or entity.', platforms: ['climate'], slots: { temperature: { type: 'number' } }, required: ['temperature'] },
  { name: 'HassLightSet', description: 'Sets the brightness percentage or color of a light.', platforms: ['light'], domains: ['light'], slots: { color: { type: 'string' }, temperature: { type: 'integer' }, brightness: { ...percent, description: 'Brightness in percent, from 0 (off) to 100 (full)' } } },
  { name: 'HassMediaPause', description: 'Pauses a media player.', platforms: ['media_player'], domains: ['media_player'] },
  { name: 'HassMediaUnpause', description: 'Resumes a media player.', platforms: ['media_player'], domains: ['media_player'] },
  { name: 'HassMediaNext', description: 'Skips a media player to the next item.', platforms: ['media_player'], domains: ['media_player'] },
  { name: 'HassMediaPrevious', description: 'Replays the previous item for a media player.', platforms: ['media_player'], domains: ['media_player'] },
  { name: 'HassSetVolume', description: 'Sets the volume percentage of a media player.', platforms: ['media_player'], domains: ['media_player'], slots: { volume_level: { ...percent, description: 'The volume percentage of the media player' } }, required: ['volume_level'] },
  { name: 'HassSetVolumeRelative', description: 'Increases or decreases the volume of a media player.', platforms: ['media_player'], domains: ['media_player'], slots: { volume_step: { anyOf: [{ type: 'string', enum: ['up', 'down'] }, { type: 'integer', minimum: -100, maximum: 100 }] } }, required: ['volume_step'] },
  { name: 'HassMediaPlayerMute', description: 'Mutes a media player.', platforms: ['media_player'], domains: ['media_player'] },
  { name: 'HassMediaPlayerUnmute', description: 'Unmutes a media player.', platforms: ['media_player'], domains: ['media_player'] },
  { name: 'HassMediaSearchAndPlay', description: 'Searches for media and plays the first result.', platforms: ['media_player'], domains: ['media_player'], slots: { search_query: { type: 'string' }, media_class: { type: 'string', enum: ['album', 'app', 'artist', 'channel', 'composer', 'contributing_artist', 'episode', 'game', 'genre', 'image', 'movie', 'music', 'playlist', 'podcast', 'season', 'track', 'tv_show', 'url', 'video'] } }, required: ['search_query'] },
  { name: 'HassVacuumStart', description: 'Starts a vacuum.', platforms: ['vacuum'], domains: ['vacuum'] },
  { name: 'HassVacuumReturnToBase', description: 'Returns a vacuum to base.', platforms: ['vacuum'], domains: ['vacuum'] },
  { name: 'HassFanSetSpeed', description: 'Sets a fan\'s speed by percentage.', platforms: ['fan'], domains: ['fan'], slots: { percentage: { ...percent, description: 'The speed percentage of the fan' } }, required: ['percentage'] },
  { name: 'HassListAddItem', description: 'Add item to a todo list.', platforms: ['todo'], slots: { item: { type: 'string' }, name: { type: 'string' } }, required: ['item', 'name'] },
  { name: 'HassListCompleteItem', description: 'Complete item on a todo list.', platforms: ['todo'], slots: { item: { type: 'string' }, name: { type: 'string' } }, required: ['item', 'name'] },
  { name: 'HassLawnMowerStartMowing', description: 'Starts a lawn mower.', platforms: ['lawn_mower'], domains: ['lawn_mower'] },
  { name: 'HassLawnMowerDock', description: 'Sends a lawn mower to dock.', platforms: ['lawn_mower'], domains: ['lawn_mower'] },
];

/** The slot schema every service intent shares (name/area/floor, domain, optional device class). */
function intentSchema(intent: IntentModel): Record<string, unknown> {
  const domainItems = intent.domains ? { type: 'string', enum: intent.domains } : { type: 'string' };
  const properties: Record<string, unknown> = {
    name: { type: 'string' },
    area: { type: 'string' },
    floor: { type: 'string' },
    domain: { type: 'array', items: domainItems },
    ...(intent.deviceClasses ? { device_class: { type: 'array', items: { type: 'string', enum: ON_OFF_DEVICE_CLASSES } } } : {}),
    ...intent.slots,
  };
  return { type: 'object', properties, required: intent.required ?? [] };
}

function namesOf(infos: Iterable<{ names: string }>): string[] {
  return [...infos].flatMap((info) => info.names.split(', '));
}

/** HA's Assist tool list for a home with this exposure (no voice satellite, so no timer tools). */
export function buildAssistTools(exposure: AssistExposure): ModelTool[] {
  const domains = new Set([...exposure.entities.values()].map((info) => info.domain));
  const tools: ModelTool[] = INTENTS.filter((i) => !i.platforms || i.platforms.some((p) => domains.has(p))).map((i) => ({
    name: i.name,
    description: i.description,
    input_schema: intentSchema(i),
  }));
  tools.push({ name: 'GetDateTime', description: 'Provides the current date and time.', input_schema: { type: 'object', properties: {} } });
  if (exposure.calendars.size > 0) {
    tools.push({
      name: 'calendar_get_events',
      description: 'Reads the events of a calendar for today or this week. To know whether something is planned, look at the whole week. Event ends are exclusive (RFC 5545).',
      input_schema: { type: 'object', properties: { calendar: { type: 'string', enum: namesOf(exposure.calendars.values()) }, range: { type: 'string', enum: ['today', 'week'] } }, required: ['calendar', 'range'] },
    });
  }
  if (domains.has('todo')) {
    const lists = namesOf([...exposure.entities.values()].filter((info) => info.domain === 'todo'));
    tools.push({
      name: 'todo_get_items',
      description: 'Reads the items of a to-do list, for questions such as "what is on my shopping list?" or "read me my tasks". Items can be filtered by status: needs_action, completed or all.',
      input_schema: { type: 'object', properties: { todo_list: { type: 'string', enum: lists }, status: { type: 'string', enum: ['needs_action', 'completed', 'all'], description: 'Which items to return; open items when omitted' } }, required: ['todo_list'] },
    });
  }
  for (const [entityId, info] of exposure.scripts) {
    tools.push({ name: entityId.split('.')[1] ?? entityId, description: `${info.names}. Aliases: ${JSON.stringify(info.names.split(', '))}`, input_schema: { type: 'object', properties: {} } });
  }
  if (domains.size > 0) {
    tools.push({
      name: 'GetLiveContext',
      description: 'Gives the live state, value or mode of the devices, sensors, entities and areas of the home. Call it to answer any question about how things are right now (is a light on, what the temperature is), and first whenever an action depends on a current condition, such as acting only if it rains.',
      input_schema: { type: 'object', properties: {} },
    });
  }
  return tools;
}
