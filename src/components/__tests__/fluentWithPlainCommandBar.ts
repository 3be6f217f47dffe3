// jsdom lays nothing out, so CommandBar's ResizeGroup never gets past its hidden measuring pass and keeps showing
// stale commands. What component tests check is the page's command items (labels, disabled states, handlers), so
// there they render as plain menu items; the e2e suite drives the real CommandBar. Use it as
// `jest.mock('@fluentui/react', () => jest.requireActual('../__tests__/fluentWithPlainCommandBar').fluentWithPlainCommandBar())`.

interface CommandItem {
  key: string;
  text?: string;
  ariaLabel?: string;
  disabled?: boolean;
  onClick?: () => void;
}

/** Fluent UI as it is, except CommandBar: one plain menu item per command (far items included). */
export function fluentWithPlainCommandBar(): Record<string, unknown> {
  const actual = jest.requireActual('@fluentui/react');
  const react = jest.requireActual('react');
  return {
    ...actual,
    CommandBar: (props: { items: CommandItem[]; farItems?: CommandItem[]; ariaLabel?: string }) =>
      react.createElement(
        'div',
        { role: 'menubar', 'aria-label': props.ariaLabel },
        props.items.concat(props.farItems || []).map((item: CommandItem) =>
          react.createElement(
            'button',
            { key: item.key, role: 'menuitem', 'aria-label': item.ariaLabel, 'aria-disabled': item.disabled ? 'true' : 'false', onClick: item.disabled ? undefined : item.onClick },
            item.text
          )
        )
      )
  };
}
