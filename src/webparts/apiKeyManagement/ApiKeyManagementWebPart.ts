import * as React from 'react';
import * as ReactDom from 'react-dom';
import { Version } from '@microsoft/sp-core-library';
import { IPropertyPaneConfiguration, PropertyPaneLabel } from '@microsoft/sp-property-pane';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import { IReadonlyTheme, ThemeChangedEventArgs, ThemeProvider } from '@microsoft/sp-component-base';
import type { PartialTheme } from '@fluentui/react';
import { spfi, SPFx } from '@pnp/sp';
import type { SPFI } from '@pnp/sp';
import * as strings from 'ApiKeyManagementWebPartStrings';
import { ApiKeyManagementPage, teamsThemeFor } from '../../components/ApiKeyManagementPage';
import { GraphAdminRoleChecker, storeRequestBehaviors, TenantKeyStore, TenantStoreLocator } from '../../data';
import type { AdminRoleChecker, KeyStore } from '../../data';
import { SpfxGraphRequester } from './SpfxGraphRequester';

export interface IApiKeyManagementWebPartProps {
  /**
   * Set only on instances saved by versions before the tenant setting: the site they were pointed at. Not editable any
   * more; when it names another site than the tenant setting ApiKeyManagement.Store the page shows 'wrong-store'.
   */
  siteUrl?: string;
  /** Saved by versions before the tenant setting; ignored (the list is pinned by id in the tenant setting). */
  listTitle?: string;
}

type TeamsThemeName = 'default' | 'dark' | 'contrast';

/**
 * The SPFx shell: builds the services from the SPFx context and mounts the page. In SharePoint, in every Teams team and
 * in the personal app (which runs at the tenant root site) the store is the one the tenant setting names, read from the
 * web the page runs in; there is no per-page store setting.
 */
export default class ApiKeyManagementWebPart extends BaseClientSideWebPart<IApiKeyManagementWebPartProps> {
  private _store: KeyStore | undefined;
  private _roleChecker: AdminRoleChecker | undefined;
  private _siteTheme: IReadonlyTheme | undefined;
  private _teamsTheme: TeamsThemeName | undefined;
  private _teamsLocale: string | undefined;

  protected async onInit(): Promise<void> {
    await super.onInit();

    const themeProvider = this.context.serviceScope.consume(ThemeProvider.serviceKey);
    this._siteTheme = themeProvider.tryGetTheme();
    themeProvider.themeChangedEvent.add(this, this._onSiteThemeChanged);

    const teams = this.context.sdks.microsoftTeams;
    if (teams) {
      const teamsContext = await teams.teamsJs.app.getContext();
      this._teamsTheme = teamsContext.app.theme as TeamsThemeName;
      this._teamsLocale = teamsContext.app.locale || undefined;
      teams.teamsJs.app.registerOnThemeChangeHandler((theme: string) => {
        this._teamsTheme = theme as TeamsThemeName;
        this.render();
      });
    }

    this._buildServices();
    const graphClient = await this.context.msGraphClientFactory.getClient('3');
    this._roleChecker = new GraphAdminRoleChecker(new SpfxGraphRequester(graphClient));
  }

  public render(): void {
    if (!this._store || !this._roleChecker) {
      return;
    }
    const theme: PartialTheme | undefined = this._teamsTheme ? teamsThemeFor(this._teamsTheme) : (this._siteTheme as PartialTheme | undefined);
    ReactDom.render(
      React.createElement(ApiKeyManagementPage, {
        store: this._store,
        roleChecker: this._roleChecker,
        currentUserName: this.context.pageContext.user.displayName,
        theme,
        // Teams' own language inside Teams; SharePoint's UI language elsewhere. Never the browser's.
        locale: this._teamsLocale || this.context.pageContext.cultureInfo.currentUICultureName
      }),
      this.domElement
    );
  }

  protected onDispose(): void {
    ReactDom.unmountComponentAtNode(this.domElement);
  }

  protected get dataVersion(): Version {
    return Version.parse('1.0');
  }

  protected getPropertyPaneConfiguration(): IPropertyPaneConfiguration {
    return {
      pages: [
        {
          header: { description: strings.PropertyPaneDescription },
          groups: [
            {
              groupName: strings.StoreGroupName,
              groupFields: [PropertyPaneLabel('store', { text: strings.StoreFromTenantSetting })]
            }
          ]
        }
      ]
    };
  }

  private _buildServices(): void {
    const spFor = (siteUrl: string): SPFI => spfi(siteUrl).using(SPFx(this.context), storeRequestBehaviors());
    const currentWebUrl = this.context.pageContext.web.absoluteUrl;
    this._store = new TenantKeyStore(new TenantStoreLocator(spFor(currentWebUrl)), spFor, {
      currentWebUrl,
      configuredSiteUrl: this.properties.siteUrl
    });
  }

  private _onSiteThemeChanged(args: ThemeChangedEventArgs): void {
    this._siteTheme = args.theme;
    this.render();
  }
}
