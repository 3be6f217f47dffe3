/**
 * Copies `text` to the clipboard: the async Clipboard API where the page may use it, otherwise a
 * selected off-screen textarea and document.execCommand('copy') (older hosts, Teams desktop webviews
 * and iframes without clipboard-write). Resolves true when one of them reported success.
 */
export async function copyToClipboard(text: string): Promise<boolean> {
  if (typeof navigator !== 'undefined' && navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused or not focused: the execCommand route below may still work.
    }
  }
  return copyWithSelection(text);
}

function copyWithSelection(text: string): boolean {
  if (typeof document === 'undefined' || typeof document.execCommand !== 'function') {
    return false;
  }
  const previousFocus = document.activeElement as HTMLElement | null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.style.position = 'fixed';
  area.style.top = '-1000px';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  // The textarea held the text only for the copy: remove it at once so nothing lingers in the DOM.
  area.value = '';
  document.body.removeChild(area);
  if (previousFocus && typeof previousFocus.focus === 'function') {
    previousFocus.focus();
  }
  return copied;
}
