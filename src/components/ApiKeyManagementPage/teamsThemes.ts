import type { PartialTheme } from '@fluentui/react';

/** The theme names Teams reports through teams-js (`app.getContext().app.theme` and the theme-change handler). */
export type TeamsThemeName = 'default' | 'dark' | 'contrast';

// Palettes derived from Teams' brand colour (#6264A7) with the Fluent theme designer, so Fluent v8
// controls look at home in each Teams theme. High contrast follows Teams: white on black, yellow accents.
const teamsDefault: PartialTheme = {
  palette: {
    themePrimary: '#6264a7',
    themeLighterAlt: '#f7f7fb',
    themeLighter: '#e1e1f1',
    themeLight: '#c8c9e4',
    themeTertiary: '#989ac9',
    themeSecondary: '#7173b0',
    themeDarkAlt: '#585a95',
    themeDark: '#4a4c7e',
    themeDarker: '#37385d'
  },
  semanticColors: { bodyBackground: '#f5f5f5' }
};

const teamsDark: PartialTheme = {
  isInverted: true,
  palette: {
    themePrimary: '#a6a7dc',
    themeLighterAlt: '#07070a',
    themeLighter: '#1a1b23',
    themeLight: '#323242',
    themeTertiary: '#646584',
    themeSecondary: '#9394c2',
    themeDarkAlt: '#afb0e0',
    themeDark: '#bbbce5',
    themeDarker: '#cdcdeb',
    neutralLighterAlt: '#282828',
    neutralLighter: '#313131',
    neutralLight: '#3f3f3f',
    neutralQuaternaryAlt: '#484848',
    neutralQuaternary: '#4f4f4f',
    neutralTertiaryAlt: '#6d6d6d',
    neutralTertiary: '#c8c8c8',
    neutralSecondary: '#d0d0d0',
    neutralSecondaryAlt: '#d0d0d0',
    neutralPrimaryAlt: '#dadada',
    neutralPrimary: '#ffffff',
    neutralDark: '#f4f4f4',
    black: '#f8f8f8',
    white: '#1f1f1f'
  },
  semanticColors: { bodyBackground: '#1f1f1f', bodyText: '#ffffff' }
};

const teamsContrast: PartialTheme = {
  isInverted: true,
  palette: {
    themePrimary: '#ffff01',
    themeLighterAlt: '#0a0a00',
    themeLighter: '#292900',
    themeLight: '#4c4c00',
    themeTertiary: '#999900',
    themeSecondary: '#e0e000',
    themeDarkAlt: '#ffff1a',
    themeDark: '#ffff3c',
    themeDarker: '#ffff6d',
    neutralLighterAlt: '#0b0b0b',
    neutralLighter: '#151515',
    neutralLight: '#252525',
    neutralQuaternaryAlt: '#2f2f2f',
    neutralQuaternary: '#373737',
    neutralTertiaryAlt: '#595959',
    neutralTertiary: '#ffffff',
    neutralSecondary: '#ffffff',
    neutralSecondaryAlt: '#ffffff',
    neutralPrimaryAlt: '#ffffff',
    neutralPrimary: '#ffffff',
    neutralDark: '#ffffff',
    black: '#ffffff',
    white: '#000000'
  },
  semanticColors: {
    bodyBackground: '#000000',
    bodyText: '#ffffff',
    link: '#ffff01',
    inputBorder: '#ffffff',
    buttonBorder: '#ffffff',
    focusBorder: '#ffff01'
  }
};

/** The Fluent theme that matches a Teams theme; unknown names fall back to the default (light) theme. */
export function teamsThemeFor(themeName: TeamsThemeName): PartialTheme {
  switch (themeName) {
    case 'dark':
      return teamsDark;
    case 'contrast':
      return teamsContrast;
    default:
      return teamsDefault;
  }
}
