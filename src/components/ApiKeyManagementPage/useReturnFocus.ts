import * as React from 'react';

interface Opener {
  element: HTMLElement | null;
  role: string | null;
  label: string;
}

export interface ReturnFocus {
  /** Notes what has focus (the command or menu button the user pressed), then opens the surface. */
  remember: (open: () => void) => void;
  /** After the surface closed: focus goes back to what opened it (or the selected row if that is gone or disabled). */
  restore: () => void;
}

function labelOf(element: HTMLElement): string {
  return (element.getAttribute('aria-label') || element.textContent || '').trim();
}

function capture(): Opener {
  let element = typeof document !== 'undefined' ? (document.activeElement as HTMLElement | null) : null;
  // An item of a "⋯" or column menu disappears with its menu: the button that opened the menu stays.
  if (element && element.closest && element.closest('[role="menu"]')) {
    element = document.querySelector<HTMLElement>('[aria-haspopup="true"][aria-expanded="true"]') || element;
  }
  if (!element || element === document.body) {
    return { element: null, role: null, label: '' };
  }
  return { element, role: element.getAttribute('role'), label: labelOf(element) };
}

function canTakeFocus(element: HTMLElement | null): element is HTMLElement {
  return !!element && element.isConnected && element.getAttribute('aria-disabled') !== 'true' && !(element as HTMLButtonElement).disabled;
}

function focusOpener(opener: Opener | undefined): void {
  const candidates: Array<HTMLElement | null> = [];
  if (opener) {
    candidates.push(opener.element);
    // The command bar may have drawn its buttons again meanwhile: the same command by role and name.
    if (opener.role && opener.label) {
      const same = Array.from(document.querySelectorAll<HTMLElement>(`[role="${opener.role}"]`)).filter((el) => labelOf(el) === opener.label);
      candidates.push(same[0] || null);
    }
  }
  // Revoke is disabled once its key is revoked: the key's row then.
  candidates.push(document.querySelector<HTMLElement>('[role="row"][aria-selected="true"]'));
  const target = candidates.filter(canTakeFocus)[0];
  if (target) {
    target.focus();
  }
}

/** Focus management of the page's panels and dialogs: nothing leaves focus on <body> when they close. */
export function useReturnFocus(): ReturnFocus {
  const opener = React.useRef<Opener | undefined>(undefined);
  const [request, setRequest] = React.useState(0);

  const remember = React.useCallback((open: () => void): void => {
    opener.current = capture();
    open();
  }, []);
  const restore = React.useCallback((): void => setRequest((n) => n + 1), []);

  React.useEffect(() => {
    if (request === 0) {
      return undefined;
    }
    // After the surface has unmounted and its focus trap has let go. The command bar measures and redraws
    // its buttons after the list changed (a revoked key disables Revoke a frame or two later): look again
    // shortly after, and move on if focus sits on <body> or on a command that has since been disabled.
    const handles = [0, 100, 300].map((delay) =>
      window.setTimeout(() => {
        const active = document.activeElement as HTMLElement | null;
        if (delay === 0 || !active || active === document.body || !canTakeFocus(active)) {
          focusOpener(opener.current);
        }
      }, delay)
    );
    return () => handles.forEach((handle) => window.clearTimeout(handle));
  }, [request]);

  return { remember, restore };
}
