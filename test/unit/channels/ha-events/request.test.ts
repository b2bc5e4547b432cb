import { describe, expect, it } from 'vitest';
import { AUTOMATION_USER, identityOf, isForInstance, parseBridgeRequest } from '../../../../src/channels/ha-events/request.js';

describe('majordome_request events', () => {
  it('reads text, request id, conversation id and language', () => {
    expect(parseBridgeRequest({ text: ' open the blinds ', request_id: 7, conversation_id: 'c1', language: 'fr' })).toEqual({
      ok: true,
      request: { text: 'open the blinds', requestId: '7', conversationId: 'c1', language: 'fr' },
    });
    expect(parseBridgeRequest({ text: 'hi' })).toEqual({ ok: true, request: { text: 'hi', requestId: null } });
  });

  it('refuses a request without text, naming the field and keeping the request id to answer', () => {
    expect(parseBridgeRequest({ request_id: 'r1' })).toEqual({ ok: false, requestId: 'r1', message: 'majordome_request: text is required' });
    expect(parseBridgeRequest({ text: '', request_id: 'r2' })).toMatchObject({ ok: false, requestId: 'r2', message: expect.stringMatching(/text/) });
    expect(parseBridgeRequest(null)).toMatchObject({ ok: false, requestId: null });
  });

  it('speaks for the HA user behind the event, or for the automation when there is none', () => {
    expect(identityOf({ context: { user_id: 'u1' } })).toEqual({ id: 'u1', via: 'system' });
    expect(identityOf({ context: { user_id: null } })).toBe(AUTOMATION_USER);
    expect(identityOf({})).toBe(AUTOMATION_USER);
  });

  it('is for this instance when it names it (any case) or names none; never for an unnamed instance when it names one', () => {
    expect(isForInstance({ text: 'hi' }, 'upstairs')).toBe(true);
    expect(isForInstance({ text: 'hi', instance: ' ' }, undefined)).toBe(true);
    expect(isForInstance({ text: 'hi', instance: 'Upstairs ' }, 'upstairs')).toBe(true);
    expect(isForInstance({ text: 'hi', instance: 'garage' }, 'upstairs')).toBe(false);
    expect(isForInstance({ text: 'hi', instance: 'garage' }, undefined)).toBe(false);
    expect(isForInstance({ instance: 2 }, '2')).toBe(true);
    expect(isForInstance({ instance: { name: 'upstairs' } }, 'upstairs')).toBe(false);
    expect(isForInstance(null, 'upstairs')).toBe(true);
  });
});
