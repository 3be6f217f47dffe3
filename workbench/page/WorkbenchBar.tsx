// Workbench-only chrome: who is signed in (the emulator reads the wb_user cookie, as SharePoint reads
// FedAuth) and which Teams theme the page gets. Never part of the web part.
import * as React from 'react';
import type { TeamsThemeName } from '../../src/components/ApiKeyManagementPage';

export interface WorkbenchUser {
  token: string;
  label: string;
  displayName: string;
}

/** The emulator's browser identities (workbench/emulator/identity.ts). */
export const WORKBENCH_USERS: WorkbenchUser[] = [
  { token: 'admin-adele', label: 'Adele Vance (Global Administrator)', displayName: 'Adele Vance' },
  { token: 'admin-alex', label: 'Alex Wilber (Global Administrator via group)', displayName: 'Alex Wilber' },
  { token: 'owner-megan', label: 'Megan Bowen (site owner, not an admin: no access)', displayName: 'Megan Bowen' },
  { token: 'member-lee', label: 'Lee Gu (member, no access)', displayName: 'Lee Gu' },
  { token: 'eligible-patti', label: 'Patti Fernandez (Global Administrator eligible in PIM, not activated)', displayName: 'Patti Fernandez' },
  { token: 'visitor-nestor', label: 'Nestor Wilke (visitor, no access)', displayName: 'Nestor Wilke' }
];

export const WORKBENCH_THEMES: { key: TeamsThemeName; label: string }[] = [
  { key: 'default', label: 'Light (Teams default)' },
  { key: 'dark', label: 'Dark' },
  { key: 'contrast', label: 'High contrast' }
];

/** The page's languages (src/components/loc), with the culture SharePoint would report for each. */
export const WORKBENCH_LANGUAGES: { key: string; culture: string; label: string }[] = [
  { key: 'en-us', culture: 'en-US', label: 'English (en-us)' },
  { key: 'fr-fr', culture: 'fr-FR', label: 'Français (fr-fr)' }
];

export interface WorkbenchBarProps {
  userToken: string;
  themeName: TeamsThemeName;
  language: string;
  onUserChange: (token: string) => void;
  onThemeChange: (theme: TeamsThemeName) => void;
  onLanguageChange: (language: string) => void;
}

const barStyle: React.CSSProperties = {
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  gap: 16,
  padding: '6px 20px',
  background: '#1b1a19',
  color: '#ffffff',
  fontSize: 13,
  borderBottom: '3px solid #ffb900'
};

// A long user label must not make a Teams-width page scroll sideways: the select shrinks with the bar.
const fieldStyle: React.CSSProperties = { display: 'flex', alignItems: 'center', gap: 4, minWidth: 0, maxWidth: '100%' };
const selectStyle: React.CSSProperties = { minWidth: 0, maxWidth: '100%', flex: '1 1 auto' };

export const WorkbenchBar: React.FC<WorkbenchBarProps> = ({ userToken, themeName, language, onUserChange, onThemeChange, onLanguageChange }) => (
  <nav aria-label="Workbench" style={barStyle} data-workbench-bar>
    <strong>Workbench · local emulator, not a tenant</strong>
    <label style={fieldStyle}>
      Signed in as{' '}
      <select style={selectStyle} aria-label="Signed-in user" value={userToken} onChange={(event) => onUserChange(event.target.value)}>
        {WORKBENCH_USERS.map((user) => (
          <option key={user.token} value={user.token}>
            {user.label}
          </option>
        ))}
      </select>
    </label>
    <label style={fieldStyle}>
      Teams theme{' '}
      <select style={selectStyle} aria-label="Teams theme" value={themeName} onChange={(event) => onThemeChange(event.target.value as TeamsThemeName)}>
        {WORKBENCH_THEMES.map((theme) => (
          <option key={theme.key} value={theme.key}>
            {theme.label}
          </option>
        ))}
      </select>
    </label>
    <label style={fieldStyle}>
      Language{' '}
      <select style={selectStyle} aria-label="Language" value={language} onChange={(event) => onLanguageChange(event.target.value)}>
        {WORKBENCH_LANGUAGES.map((option) => (
          <option key={option.key} value={option.key} lang={option.culture}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  </nav>
);
