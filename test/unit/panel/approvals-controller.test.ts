import { describe, expect, it } from 'vitest';
import { ApprovalsController, type ApprovalsControllerDeps } from '../../../panel/src/controllers/approvals-controller.js';
import type { Approval } from '../../../panel/src/data/approvals.js';
import type { PanelSocket } from '../../../panel/src/data/socket.js';

const PENDING: Approval = { id: 'a1', tool: 'ha_call_service', summary: 'Unlock Front Door', input: {}, status: 'pending' };

/** A controller on a minimal host, over scripted data calls that record what they were asked. */
function setup(overrides: Partial<ApprovalsControllerDeps> = {}) {
  const calls: string[] = [];
  const socket = { on: () => socket, off: () => socket } as unknown as PanelSocket;
  const host = { addController: () => undefined, removeController: () => undefined, requestUpdate: () => undefined, updateComplete: Promise.resolve(true) };
  const controller = new ApprovalsController(host, {
    socket,
    list: async () => [PENDING],
    decide: async (id, decision) => {
      calls.push(`${decision} ${id}`);
      return { ...PENDING, status: decision === 'approve' ? 'approved' : 'denied' };
    },
    alwaysAllow: async (id) => {
      calls.push(`always ${id}`);
      return { ...PENDING, status: 'approved' };
    },
    canSaveRules: async () => true,
    ...overrides,
  });
  return { controller, calls };
}

describe('approvals controller', () => {
  it('offers "Always allow" only to users who may save rules', async () => {
    const allowed = setup();
    await allowed.controller.refresh();
    expect(allowed.controller.state.canSaveRules).toBe(true);
    const refused = setup({ canSaveRules: async () => false });
    await refused.controller.refresh();
    expect(refused.controller.state.canSaveRules).toBe(false);
    const failing = setup({ canSaveRules: async () => Promise.reject(new Error('offline')) });
    await failing.controller.refresh();
    expect(failing.controller.state).toMatchObject({ loaded: true, canSaveRules: false });
  });

  it('sends "Always allow" as its own request, and the card shows the approval', async () => {
    const { controller, calls } = setup();
    await controller.refresh();
    await controller.decide('a1', 'always');
    expect(calls).toEqual(['always a1']);
    expect(controller.state.approvals[0]?.status).toBe('approved');
  });
});
