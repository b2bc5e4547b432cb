import type { SimState } from '../home.js';
import { field, numberAttr, update } from './common.js';
import type { DomainSpec, ServiceRuntime, ServiceSpec } from './types.js';

type Handler = NonNullable<ServiceSpec['perEntity']>;

function simple(name: string, description: string, perEntity: Handler, fields: ServiceSpec['fields'] = {}): ServiceSpec {
  return { name, description, fields, response: 'none', perEntity };
}

function setState(target: string): Handler {
  return (s, _d, rt) => update(rt, s, target);
}

function volume(state: SimState): number {
  const v = numberAttr(state, 'volume_level') ?? 0.5;
  // Some fixtures store volume as a percentage ("50"); HA's attribute is 0..1.
  return v > 1 ? v / 100 : v;
}

function changeTrack(delta: 1 | -1): Handler {
  return (s: SimState, _d: Record<string, unknown>, rt: ServiceRuntime) => {
    const track = (numberAttr(s, 'media_track') ?? 1) + delta;
    const next = Math.max(1, track);
    update(rt, s, s.state === 'off' ? 'off' : 'playing', { media_track: next, media_title: `Track ${next}` });
  };
}

function adjustVolume(delta: number): Handler {
  return (s, _d, rt) => update(rt, s, s.state, { volume_level: Math.round(Math.max(0, Math.min(1, volume(s) + delta)) * 100) / 100 });
}

/** media_player.* — playing/paused/idle/off, volume, mute, tracks and sources. */
export const mediaPlayerServices: DomainSpec = {
  turn_on: simple('Turn on', 'Turns on the power of the media player.', (s, _d, rt) => update(rt, s, s.state === 'off' ? 'idle' : s.state)),
  turn_off: simple('Turn off', 'Turns off the power of the media player.', setState('off')),
  toggle: simple('Toggle', 'Toggles a media player on/off.', (s, _d, rt) => update(rt, s, s.state === 'off' ? 'idle' : 'off')),
  media_play: simple('Play', 'Starts playing.', setState('playing')),
  media_pause: simple('Pause', 'Pauses.', setState('paused')),
  media_play_pause: simple('Play/Pause', 'Toggles play/pause.', (s, _d, rt) => update(rt, s, s.state === 'playing' ? 'paused' : 'playing')),
  media_stop: simple('Stop', 'Stops playing.', setState('idle')),
  media_next_track: simple('Next', 'Selects the next track.', changeTrack(1)),
  media_previous_track: simple('Previous', 'Selects the previous track.', changeTrack(-1)),
  volume_up: simple('Turn up volume', 'Turns up the volume.', adjustVolume(0.1)),
  volume_down: simple('Turn down volume', 'Turns down the volume.', adjustVolume(-0.1)),
  volume_set: simple('Set volume', 'Sets the volume level.', (s, d, rt) => update(rt, s, s.state, { volume_level: d.volume_level }), {
    volume_level: field.float('Level', 'The volume. 0 is inaudible, 1 is the maximum volume.', 0, 1, { required: true }),
  }),
  volume_mute: simple('Mute/unmute volume', 'Mutes or unmutes the media player.', (s, d, rt) => update(rt, s, s.state, { is_volume_muted: d.is_volume_muted }), {
    is_volume_muted: field.bool('Muted', 'Defines whether or not it is muted.', { required: true }),
  }),
  select_source: simple('Select source', 'Sends the media player the command to change input source.', (s, d, rt) => update(rt, s, s.state, { source: d.source }), {
    source: field.text('Source', 'Name of the source to switch to.', { required: true }),
  }),
  play_media: simple(
    'Play media',
    'Starts playing specified media.',
    (s, d, rt) =>
      update(rt, s, 'playing', { media_content_id: d.media_content_id, media_content_type: d.media_content_type, media_title: d.media_content_id }),
    {
      media_content_id: field.text('Content ID', 'The ID of the content to play.', { required: true }),
      media_content_type: field.text('Content type', 'The type of the content to play.', { required: true }),
      enqueue: field.choice('Enqueue', 'If the content should be played now or be added to the queue.', ['play', 'next', 'add', 'replace']),
      announce: field.bool('Announce', 'If the media should be played as an announcement.'),
    },
  ),
};
