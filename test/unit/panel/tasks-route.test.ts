import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../../panel/src/common/route.js';

describe('the Always on page route', () => {
  it('lives at #/tasks and survives a round trip', () => {
    expect(parseRoute('#/tasks')).toEqual({ view: 'tasks' });
    expect(formatRoute({ view: 'tasks' })).toBe('#/tasks');
  });
});
