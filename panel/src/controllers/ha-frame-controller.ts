import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { HA_FRAME_MESSAGES, readHaProperties } from '../common/ha-frame.js';
import { haShowsHeader } from '../common/ha-theme.js';

/**
 * Follows HA's frame when HA shows the panel in an iframe, as HA's own iframe panels do: subscribes
 * to HA's properties and offers HA's menu (sidebar) button. Messages carry nothing private, so
 * they go to any origin like HA's own (a standalone panel can be framed by an HA on another host);
 * only the parent window's messages are read.
 */
export class HaFrameController implements ReactiveController {
  /** The panel is inside a frame (HA's ingress panel, or an HA dashboard framing the standalone panel). */
  readonly framed: boolean;
  /** HA's layout is narrow: the panel shows HA's menu button, unless HA shows its own header. */
  narrow = false;
  /** HA shows its own header above the panel (menu button and name; ingress on a narrow screen). */
  haHeader = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly win: Window = window,
  ) {
    this.framed = win.parent !== win;
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.framed) return;
    this.win.addEventListener('message', this.onMessage);
    this.win.parent.postMessage(HA_FRAME_MESSAGES.subscribe, '*');
  }

  hostDisconnected(): void {
    if (!this.framed) return;
    this.win.removeEventListener('message', this.onMessage);
    this.win.parent.postMessage(HA_FRAME_MESSAGES.unsubscribe, '*');
  }

  /** Opens or closes HA's sidebar. */
  toggleMenu(): void {
    if (this.framed) this.win.parent.postMessage(HA_FRAME_MESSAGES.toggleMenu, '*');
  }

  private readonly onMessage = (event: MessageEvent): void => {
    if (event.source !== this.win.parent) return;
    const properties = readHaProperties(event.data);
    if (!properties) return;
    // HA sends its properties after drawing itself, so its header (or none) is in place by now.
    const haHeader = haShowsHeader(this.win);
    if (properties.narrow === this.narrow && haHeader === this.haHeader) return;
    this.narrow = properties.narrow;
    this.haHeader = haHeader;
    this.host.requestUpdate();
  };
}
