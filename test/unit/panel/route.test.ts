import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../../panel/src/common/route.js';

describe('panel routes in location.hash', () => {
  it('keeps the current conversation across a reload', () => {
    const hash = formatRoute({ view: 'chat', conversationId: 'conv/with spaces?&' });
    expect(hash).toBe('#/chat/conv%2Fwith%20spaces%3F%26');
    expect(parseRoute(hash)).toEqual({ view: 'chat', conversationId: 'conv/with spaces?&' });
  });

  it('reads the other pages', () => {
    expect(parseRoute('#/approvals')).toEqual({ view: 'approvals' });
    expect(parseRoute('#/status')).toEqual({ view: 'status' });
    expect(formatRoute({ view: 'status' })).toBe('#/status');
  });

  it('treats an empty, unknown or malformed hash as a new chat', () => {
    expect(parseRoute('')).toEqual({ view: 'chat' });
    expect(parseRoute('#/elsewhere')).toEqual({ view: 'chat' });
    expect(parseRoute('#/chat/%E0%A4%A')).toEqual({ view: 'chat' });
    expect(formatRoute({ view: 'chat' })).toBe('#/chat');
  });
});
