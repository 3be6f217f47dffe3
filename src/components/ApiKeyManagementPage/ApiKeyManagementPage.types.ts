import type { PartialTheme } from '@fluentui/react';
import type { AdminRoleChecker, KeyStore } from '../../data';

export interface IApiKeyManagementPageProps {
  /** Where the keys live (SharePointKeyStore in production); built by the host, never by the page. */
  store: KeyStore;
  /** Whether the signed-in user is an active Global Administrator; only they see Generate, Edit and Revoke. */
  roleChecker: AdminRoleChecker;
  /** Display name of the signed-in user, shown in the header. */
  currentUserName?: string;
  /** Fluent theme from the SharePoint site or Teams (see teamsThemeFor); the default Fluent theme when absent. */
  theme?: PartialTheme;
  /**
   * BCP-47 locale every date and number is written in: SharePoint's `pageContext.cultureInfo.currentCultureName`,
   * or Teams' `app.locale`. The browser's locale when absent.
   */
  locale?: string;
}
