/**
 * Pictures a tool result points at. A tool that returns an image (browser_screenshot) names it in
 * its one-line summary by the API path that serves it, e.g. `Screenshot of example.com
 * (api/browser/screenshots/<id>)`. Only those same-origin API paths are pictures: an address
 * anywhere else in a summary (third-party text from a page or a mail) is never loaded.
 */

// The routes that serve tool images, with the ids they hand out (hex, at most 64 characters).
const IMAGE_PATH = /\(?\bapi\/browser\/screenshots\/([A-Za-z0-9_-]{1,64})\b\)?/g;

/** What a tool result shows: the pictures' API paths, and the summary without them (the caption). */
export interface ToolImages {
  paths: string[];
  caption: string;
}

/** Finds the pictures a summary names; a summary without any is returned unchanged as the caption. */
export function toolImagesOf(summary: string): ToolImages {
  const paths = [...summary.matchAll(IMAGE_PATH)].map((match) => `browser/screenshots/${match[1] ?? ''}`);
  if (paths.length === 0) return { paths, caption: summary };
  return { paths: [...new Set(paths)], caption: summary.replace(IMAGE_PATH, '').replace(/\s+/g, ' ').trim() };
}
