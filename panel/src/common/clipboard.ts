/**
 * Copies text as HA's frontend does (src/common/util/copy-clipboard.ts there): the Clipboard API
 * where the browser offers it, else a hidden textarea and `execCommand('copy')`. The fallback is
 * not a relic: HA opened over plain http on the LAN (http://homeassistant.local:8123) is not a
 * secure context, and there `navigator.clipboard` does not exist.
 */
export async function copyToClipboard(text: string, root: Node & ParentNode = document.body): Promise<boolean> {
  if (navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no permission, page not focused): the fallback below may still work.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  // Inside a shadow root, the selection must be made where the textarea lives.
  root.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } finally {
    area.remove();
  }
}
