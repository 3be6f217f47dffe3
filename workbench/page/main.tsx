// The workbench page: the same ApiKeyManagementPage as the web part, with the production store and role
// check, talking to the emulator on this origin. PnPjs gets SPFx's browser behaviors without an SPFx
// context (SPBrowser = DefaultHeaders + DefaultInit + BrowserFetchWithRetry + DefaultParse + RequestDigest);
// the wb_user cookie carries the identity as FedAuth does on SharePoint.
import * as React from 'react';
import * as ReactDom from 'react-dom';
import { initializeIcons } from '@fluentui/react';
import { spfi, SPBrowser } from '@pnp/sp';
import { ApiKeyManagementPage, teamsThemeFor } from '../../src/components/ApiKeyManagementPage';
import type { TeamsThemeName } from '../../src/components/ApiKeyManagementPage';
import { FetchGraphRequester, GraphAdminRoleChecker, storeRequestBehaviors, TenantKeyStore, TenantStoreLocator } from '../../src/data';
import { WORKBENCH_LANGUAGES, WORKBENCH_THEMES, WORKBENCH_USERS, WorkbenchBar } from './WorkbenchBar';

const USER_COOKIE = 'wb_user';
const DEFAULT_USER = 'admin-adele';

function readCookie(name: string): string | undefined {
  const match = document.cookie.split('; ').filter((part) => part.indexOf(`${name}=`) === 0)[0];
  return match ? decodeURIComponent(match.slice(name.length + 1)) : undefined;
}

function signIn(token: string): void {
  document.cookie = `${USER_COOKIE}=${encodeURIComponent(token)}; path=/; SameSite=Lax`;
}

function themeFromUrl(): TeamsThemeName {
  const requested = new URLSearchParams(window.location.search).get('theme');
  return WORKBENCH_THEMES.some((t) => t.key === requested) ? (requested as TeamsThemeName) : 'default';
}

/** ?lang= picks the strings (workbenchStrings.js) and the culture dates and numbers follow, as SharePoint's page culture does. */
function languageFromUrl(): { key: string; culture: string } {
  const requested = new URLSearchParams(window.location.search).get('lang');
  return WORKBENCH_LANGUAGES.filter((l) => l.key === requested)[0] || WORKBENCH_LANGUAGES[0];
}

/** Sets a query parameter, keeping the others (theme and language survive each other's changes). */
function withParameter(name: string, value: string): string {
  const url = new URL(window.location.href);
  url.searchParams.set(name, value);
  return url.toString();
}

const Workbench: React.FC = () => {
  const language = languageFromUrl();
  const [themeName, setThemeName] = React.useState<TeamsThemeName>(themeFromUrl());
  const userToken = readCookie(USER_COOKIE) || DEFAULT_USER;
  const user = WORKBENCH_USERS.filter((u) => u.token === userToken)[0];
  // The web the page "runs in", as the web part's pageContext.web: the tenant root site (where the Teams personal app
  // runs) unless ?web=/sites/contoso-team (a team's tab). Either way the store is the one the tenant setting names.
  const webUrl = `${window.location.origin}${new URLSearchParams(window.location.search).get('web') || ''}`;

  // Built once per page load, as the web part builds them once per instance.
  const services = React.useMemo(
    () => ({
      store: new TenantKeyStore(
        new TenantStoreLocator(spfi(webUrl).using(SPBrowser({ baseUrl: webUrl }), storeRequestBehaviors())),
        (siteUrl) => spfi(siteUrl).using(SPBrowser({ baseUrl: siteUrl }), storeRequestBehaviors()),
        { currentWebUrl: webUrl }
      ),
      roleChecker: new GraphAdminRoleChecker(new FetchGraphRequester({ baseUrl: `${window.location.origin}/graph/v1.0`, credentials: 'same-origin' }))
    }),
    [webUrl]
  );
  const theme = teamsThemeFor(themeName);

  React.useEffect(() => {
    const palette = theme.palette || {};
    document.body.style.background = (theme.semanticColors && theme.semanticColors.bodyBackground) || palette.white || '#ffffff';
  }, [theme]);

  return (
    <>
      <WorkbenchBar
        userToken={userToken}
        themeName={themeName}
        language={language.key}
        onLanguageChange={(next) => window.location.assign(withParameter('lang', next))}
        onUserChange={(token) => {
          signIn(token);
          window.location.reload();
        }}
        onThemeChange={(next) => {
          window.history.replaceState(null, '', withParameter('theme', next));
          setThemeName(next);
        }}
      />
      <ApiKeyManagementPage store={services.store} roleChecker={services.roleChecker} currentUserName={user ? user.displayName : userToken} theme={theme} locale={language.culture} />
    </>
  );
};

if (!readCookie(USER_COOKIE)) {
  signIn(DEFAULT_USER);
}
// Fluent's icon fonts, served by the workbench from node_modules (SharePoint and Teams provide their own).
initializeIcons('/fonts/', { disableWarnings: true });
document.documentElement.lang = languageFromUrl().culture;
ReactDom.render(<Workbench />, document.getElementById('root'));
