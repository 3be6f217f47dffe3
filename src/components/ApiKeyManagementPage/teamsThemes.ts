import type { PartialTheme } from '@fluentui/react';

/** The theme names Teams reports through teams-js (`app.getContext().app.theme` and the theme-change handler). */
export type TeamsThemeName = 'default' | 'dark' | 'contrast';

// Palettes derived from Teams' brand colour (#6264A7) with the Fluent theme designer, so Fluent v8
// controls look at home in each Teams theme. High contrast follows Teams: white on black, yellow accents.
// Disabled text and message bars are not derived: Fluent v8 keeps its light pastel message bars and
// takes disabled text from a palette slot that dark themes fill near white. They come from Teams' own
// palettes instead (teamsLightTheme / teamsDarkTheme / teamsHighContrastTheme in @fluentui/tokens:
// colorNeutralForegroundDisabled, colorStatus{Danger,Warning,Success}Background1/Foreground1,
// colorPaletteDarkOrange*, colorBrandForegroundLink). teamsThemes.test.ts checks their contrast.

/** The semantic colours of disabled controls: one value for every slot Fluent v8 reads for them. */
function disabledColors(text: string, background: string): Record<string, string> {
  return {
    disabledText: text,
    disabledBodyText: text,
    disabledSubtext: text,
    disabledBodySubtext: text,
    buttonTextDisabled: text,
    primaryButtonTextDisabled: text,
    buttonBackgroundDisabled: background,
    primaryButtonBackgroundDisabled: background,
    disabledBackground: background
  };
}
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
  semanticColors: {
    bodyBackground: '#f5f5f5',
    // A disabled command's icon: Fluent's neutralTertiaryAlt (1.7:1 on white) all but vanishes.
    disabledBodySubtext: '#a19f9d',
    errorBackground: '#fdf3f4',
    blockingBackground: '#fdf3f4',
    warningBackground: '#fff9f5',
    severeWarningBackground: '#fdf6f3',
    successBackground: '#f1faf1',
    infoBackground: '#f0f0f0',
    messageText: '#242424',
    messageLink: '#4f52b2',
    messageLinkHovered: '#444791',
    errorIcon: '#b10e1c',
    blockingIcon: '#b10e1c',
    warningIcon: '#bc4b09',
    severeWarningIcon: '#c43501',
    successIcon: '#0e700e',
    infoIcon: '#616161'
  }
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
  semanticColors: {
    bodyBackground: '#1f1f1f',
    bodyText: '#ffffff',
    ...disabledColors('#5c5c5c', '#141414'),
    errorBackground: '#3b0509',
    blockingBackground: '#3b0509',
    warningBackground: '#4a1e04',
    severeWarningBackground: '#411200',
    successBackground: '#052505',
    infoBackground: '#2e2e2e',
    messageText: '#ffffff',
    messageLink: '#aab1fa',
    messageLinkHovered: '#c5cbfa',
    errorIcon: '#dc626d',
    blockingIcon: '#dc626d',
    warningIcon: '#faa06b',
    severeWarningIcon: '#e9835e',
    successIcon: '#54b054',
    infoIcon: '#d6d6d6',
    link: '#aab1fa',
    linkHovered: '#c5cbfa'
  }
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
    focusBorder: '#1aebff',
    // Teams marks disabled controls green in high contrast: unmistakable beside white enabled ones.
    ...disabledColors('#3ff23f', '#000000'),
    errorBackground: '#000000',
    blockingBackground: '#000000',
    warningBackground: '#000000',
    severeWarningBackground: '#000000',
    successBackground: '#000000',
    infoBackground: '#000000',
    messageText: '#ffffff',
    messageLink: '#ffff01',
    messageLinkHovered: '#ffff01',
    errorIcon: '#ffffff',
    blockingIcon: '#ffffff',
    warningIcon: '#ffffff',
    severeWarningIcon: '#ffffff',
    successIcon: '#ffffff',
    infoIcon: '#ffffff'
  },
  // Black bars on a black page: Teams outlines status in white (colorStatus*Border1) so each bar stands out.
  components: { MessageBar: { styles: { root: { border: '1px solid #ffffff' } } } }
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
