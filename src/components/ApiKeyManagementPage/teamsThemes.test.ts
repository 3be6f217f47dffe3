// WCAG contrast of the page's commands and message bars in each Teams theme, computed from the styles
// Fluent v8 itself derives from our themes (its own getStyles), not from palette slots we guess at.
// The theme is merged as the page's ThemeProvider merges it (mergeThemes onto the default theme), which
// unlike createTheme keeps every semantic colour the partial theme does not set: light pastel bars.
import * as path from 'path';
import { getTheme, mergeThemes, MessageBarType } from '@fluentui/react';
import type { ITheme } from '@fluentui/react';
import { teamsThemeFor } from './teamsThemes';
import type { TeamsThemeName } from './teamsThemes';

// Fluent's package exports hide its style functions; load them by file from the CommonJS build.
const fluentLib = path.dirname(require.resolve('@fluentui/react'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commandBarButton = require(path.join(fluentLib, 'components/Button/CommandBarButton/CommandBarButton.styles')) as { getStyles(theme: ITheme): Record<string, unknown> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const messageBar = require(path.join(fluentLib, 'components/MessageBar/MessageBar.styles')) as {
  getStyles(props: { theme: ITheme; messageBarType: MessageBarType }): Record<string, unknown>;
};

type Style = Record<string, unknown>;

/** The plain declarations of a Fluent style value (object, class name or array of them), later ones winning. */
function declarations(...values: unknown[]): Style {
  const result: Style = {};
  const add = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(add);
    else if (value && typeof value === 'object') Object.assign(result, value);
  };
  values.forEach(add);
  return result;
}

function luminance(hex: string): number {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const channel = (i: number): number => {
    const c = parseInt(match[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** WCAG 2.x contrast ratio. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function isGrey(hex: string): boolean {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return Math.max(r, g, b) - Math.min(r, g, b) < 16;
}

function pageTheme(name: TeamsThemeName): ITheme {
  return mergeThemes(getTheme(), teamsThemeFor(name));
}

const THEMES: TeamsThemeName[] = ['default', 'dark', 'contrast'];

function commandColors(name: TeamsThemeName): { background: string; enabled: string; enabledIcon: string; disabled: string; disabledIcon: string } {
  const styles = commandBarButton.getStyles(pageTheme(name));
  const enabled = declarations(styles.root);
  const disabled = declarations(styles.root, styles.rootDisabled);
  const disabledIcon = declarations(styles.iconDisabled, (disabled['.ms-Button-icon'] as Style) || {});
  return {
    background: String(enabled.backgroundColor),
    enabled: String(enabled.color),
    enabledIcon: String(declarations(styles.icon).color),
    disabled: String(disabled.color),
    disabledIcon: String(disabledIcon.color)
  };
}

describe.each(THEMES)('Teams theme %s', (name) => {
  test('enabled commands meet WCAG AA (text 4.5:1, icon 3:1)', () => {
    const c = commandColors(name);
    expect(contrast(c.enabled, c.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c.enabledIcon, c.background)).toBeGreaterThanOrEqual(3);
  });

  test('disabled commands are visible and cannot be mistaken for enabled ones', () => {
    const c = commandColors(name);
    // WCAG exempts inactive controls from 1.4.3, but they must still be seen (2:1) and told apart.
    expect(contrast(c.disabled, c.background)).toBeGreaterThanOrEqual(2);
    expect(contrast(c.disabledIcon, c.background)).toBeGreaterThanOrEqual(2);
    if (name === 'contrast') {
      // High contrast (Teams, like Windows' High Contrast Black) marks disabled by hue: white text
      // enabled, green disabled; both must stay legible against black (AAA 7:1).
      expect(c.disabled).not.toBe(c.enabled);
      expect(isGrey(c.enabled)).not.toBe(isGrey(c.disabled));
      expect(contrast(c.disabled, c.background)).toBeGreaterThanOrEqual(7);
      expect(contrast(c.enabled, c.background)).toBeGreaterThanOrEqual(7);
    } else {
      // Elsewhere by lightness: enabled and disabled text at least 3:1 apart.
      expect(contrast(c.enabled, c.disabled)).toBeGreaterThanOrEqual(3);
    }
  });

  const types: Array<[string, MessageBarType]> = [
    ['error', MessageBarType.error],
    ['blocked', MessageBarType.blocked],
    ['warning', MessageBarType.warning],
    ['severe warning', MessageBarType.severeWarning],
    ['success', MessageBarType.success],
    ['info', MessageBarType.info]
  ];
  test.each(types)('%s message bar: text and links 4.5:1, icon 3:1, background of the theme (no pastel in dark themes)', (_label, type) => {
    const theme = pageTheme(name);
    const styles = messageBar.getStyles({ theme, messageBarType: type });
    const root = declarations(styles.root);
    const background = String(root.background);
    const text = String(root.color);
    const link = String(((root.selectors as Style)['.ms-Link'] as Style).color);
    const icon = String(declarations(styles.icon).color);
    expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(link, background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(icon, background)).toBeGreaterThanOrEqual(3);
    if (name !== 'default') {
      // A dark page keeps dark message bars: a light pastel bar on it is the bug this guards against.
      expect(luminance(background)).toBeLessThan(0.05);
    }
  });
});
