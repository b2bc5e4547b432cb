import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** One picture: loading, shown (an object URL), or failed (gone, or not this user's). */
export type ImageState = { status: 'loading' } | { status: 'ready'; url: string } | { status: 'failed' };

/**
 * Loads the pictures tool results point at, once each, through the API's identity (a bearer token
 * when standalone: a plain `<img src>` would carry none), and keeps them as object URLs for the
 * host's life; they are released when the host leaves the page.
 */
export class ImagesController implements ReactiveController {
  private readonly images = new Map<string, ImageState>();
  private requests = new AbortController();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly load: (path: string, signal: AbortSignal) => Promise<Blob>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.requests.signal.aborted) this.requests = new AbortController();
  }

  hostDisconnected(): void {
    this.requests.abort();
    for (const image of this.images.values()) if (image.status === 'ready') URL.revokeObjectURL(image.url);
    this.images.clear();
  }

  /** The picture at an API path; the first ask starts loading it and the host updates when it is there. */
  get(path: string): ImageState {
    const known = this.images.get(path);
    if (known) return known;
    this.images.set(path, { status: 'loading' });
    const signal = this.requests.signal;
    void this.load(path, signal).then(
      (blob) => this.settle(path, { status: 'ready', url: URL.createObjectURL(blob) }, signal),
      () => this.settle(path, { status: 'failed' }, signal),
    );
    return { status: 'loading' };
  }

  private settle(path: string, state: ImageState, signal: AbortSignal): void {
    if (signal.aborted) {
      if (state.status === 'ready') URL.revokeObjectURL(state.url);
      return;
    }
    this.images.set(path, state);
    this.host.requestUpdate();
  }
}
