import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApprovalChoice } from '../common/fire-event.js';
import { errorMessage } from '../data/api.js';
import type { Approval } from '../data/approvals.js';
import type { PanelSocket } from '../data/socket.js';

/** What the approvals list, the badge and inline cards render; replaced on every change. */
export interface ApprovalsState {
  approvals: readonly Approval[];
  loaded: boolean;
  loadError?: string;
  /** Ids with a decision on its way to the server. */
  deciding: ReadonlySet<string>;
  /** Why a decision failed, by approval id. */
  decisionErrors: Readonly<Record<string, string>>;
  /** This user may answer "Always allow" (saved rules exist and they are an approver). */
  canSaveRules: boolean;
}

/** What the controller needs from the outside. */
export interface ApprovalsControllerDeps {
  socket: PanelSocket;
  list(): Promise<Approval[]>;
  decide(id: string, decision: 'approve' | 'deny'): Promise<Approval | undefined>;
  /** Approves and saves the rule for that call; absent when the server has no saved rules. */
  alwaysAllow?(id: string): Promise<Approval | undefined>;
  /** Whether this user may save rules. */
  canSaveRules?(): Promise<boolean>;
}

/** The approvals this user can see, refetched whenever the server says they changed. */
export class ApprovalsController implements ReactiveController {
  state: ApprovalsState = { approvals: [], loaded: false, deciding: new Set(), decisionErrors: {}, canSaveRules: false };
  private inFlight: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deps: ApprovalsControllerDeps,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.deps.socket.on('approvals:changed', this.refresh);
    this.deps.socket.on('connect', this.refresh);
    void this.refresh();
  }

  hostDisconnected(): void {
    this.deps.socket.off('approvals:changed', this.refresh);
    this.deps.socket.off('connect', this.refresh);
  }

  /** Approvals still waiting for someone. */
  get pending(): Approval[] {
    return this.state.approvals.filter((a) => a.status === 'pending');
  }

  /** Refetches the list; calls made while one is running coalesce into one more fetch. */
  readonly refresh = (): Promise<void> => {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = this.load().finally(() => {
      this.inFlight = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.inFlight;
  };

  /** Sends a decision; the card shows it as soon as the server confirms. */
  async decide(id: string, decision: ApprovalChoice): Promise<void> {
    if (this.state.deciding.has(id)) return;
    const { [id]: _previous, ...decisionErrors } = this.state.decisionErrors;
    this.update({ deciding: new Set([...this.state.deciding, id]), decisionErrors });
    try {
      const { alwaysAllow } = this.deps;
      const updated = decision === 'always' && alwaysAllow ? await alwaysAllow(id) : await this.deps.decide(id, decision === 'deny' ? 'deny' : 'approve');
      const approvals = updated ? this.state.approvals.map((a) => (a.id === id ? updated : a)) : this.state.approvals;
      this.update({ approvals });
    } catch (err) {
      this.update({ decisionErrors: { ...this.state.decisionErrors, [id]: errorMessage(err) } });
    } finally {
      const deciding = new Set(this.state.deciding);
      deciding.delete(id);
      this.update({ deciding });
      void this.refresh();
    }
  }

  private async load(): Promise<void> {
    try {
      const [approvals, canSaveRules] = await Promise.all([this.deps.list(), this.deps.canSaveRules?.().catch(() => false) ?? false]);
      this.update({ approvals, loaded: true, loadError: undefined, canSaveRules: canSaveRules && this.deps.alwaysAllow !== undefined });
    } catch (err) {
      this.update({ loaded: true, loadError: errorMessage(err) });
    }
  }

  private update(patch: Partial<ApprovalsState>): void {
    this.state = { ...this.state, ...patch };
    this.host.requestUpdate();
  }
}
