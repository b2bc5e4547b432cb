/**
 * The browser capability: a headless Chromium (Debian's) that keeps its cookies, one page per
 * conversation, reached only through a guard that refuses the home network. Tool names and inputs
 * are a public contract (DESIGN.md). Page text is third-party: every result is untrusted.
 */
import type { AnyTool } from './tool.js';
import { createBrowserActTool } from './browser/act-tool.js';
import { createBrowserOpenTool } from './browser/open-tool.js';
import { createBrowserScreenshotTool } from './browser/screenshot-tool.js';
import { createBrowserSnapshotTool } from './browser/snapshot-tool.js';
import type { BrowserToolDeps } from './browser/tool-support.js';

export type { BrowserToolDeps } from './browser/tool-support.js';

/** Builds browser_open, browser_snapshot, browser_act and browser_screenshot. */
export function createBrowserTools(deps: BrowserToolDeps): AnyTool[] {
  return [createBrowserOpenTool(deps), createBrowserSnapshotTool(deps), createBrowserActTool(deps), createBrowserScreenshotTool(deps)];
}
