import * as React from 'react';
import * as ReactDom from 'react-dom';
import { Version } from '@microsoft/sp-core-library';
import { IPropertyPaneConfiguration, PropertyPaneTextField } from '@microsoft/sp-property-pane';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import { IReadonlyTheme, ThemeChangedEventArgs, ThemeProvider } from '@microsoft/sp-component-base';
import type { PartialTheme } from '@fluentui/react';
import { spfi, SPFx } from '@pnp/sp';
import * as strings from 'ApiKeyManagementWebPartStrings';
import { ApiKeyManagementPage, teamsThemeFor } from '../../components/ApiKeyManagementPage';
import { GraphAdminRoleChecker, SharePointKeyStore, storeRequestBehaviors } from '../../data';
import type { AdminRoleChecker, KeyStore } from '../../data';
import { SpfxGraphRequester } from './SpfxGraphRequester';

export interface IApiKeyManagementWebPartProps {
  /** Site that holds the hidden list; empty for the current site. */
  siteUrl: string;
  /** Title of the hidden list. */
  listTitle: string;
}

type TeamsThemeName = 'default' | 'dark' | 'contrast';

/** The SPFx shell: builds the services from the SPFx context and mounts the page. Nothing else. */
export default class ApiKeyManagementWebPart extends BaseClientSideWebPart<IApiKeyManagementWebPartProps> {
  private _store: KeyStore | undefined;
  private _roleChecker: AdminRoleChecker | undefined;
  private _siteTheme: IReadonlyTheme | undefined;
  private _teamsTheme: TeamsThemeName | undefined;

  protected async onInit(): Promise<void> {
    await super.onInit();

    const themeProvider = this.context.serviceScope.consume(ThemeProvider.serviceKey);
    this._siteTheme = themeProvider.tryGetTheme();
    themeProvider.themeChangedEvent.add(this, this._onSiteThemeChanged);

    const teams = this.context.sdks.microsoftTeams;
    if (teams) {
      const teamsContext = await teams.teamsJs.app.getContext();
      this._teamsTheme = teamsContext.app.theme as TeamsThemeName;
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
        theme
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

  protected onPropertyPaneFieldChanged(propertyPath: string, oldValue: unknown, newValue: unknown): void {
    if ((propertyPath === 'siteUrl' || propertyPath === 'listTitle') && oldValue !== newValue) {
      this._buildServices();
    }
    super.onPropertyPaneFieldChanged(propertyPath, oldValue, newValue);
  }

  protected getPropertyPaneConfiguration(): IPropertyPaneConfiguration {
    return {
      pages: [
        {
          header: { description: strings.PropertyPaneDescription },
          groups: [
            {
              groupName: strings.StoreGroupName,
              groupFields: [
                PropertyPaneTextField('siteUrl', {
                  label: strings.SiteUrlFieldLabel,
                  description: strings.SiteUrlFieldDescription,
                  onGetErrorMessage: (value: string) => (value === '' || /^https:\/\/[^\s/]+(\/[^\s]*)?$/i.test(value) ? '' : strings.SiteUrlInvalid)
                }),
                PropertyPaneTextField('listTitle', {
                  label: strings.ListTitleFieldLabel,
                  description: strings.ListTitleFieldDescription,
                  onGetErrorMessage: (value: string) => (value.trim().length > 0 && value.length <= 255 ? '' : strings.ListTitleInvalid)
                })
              ]
            }
          ]
        }
      ]
    };
  }

  private _buildServices(): void {
    const siteUrl = this.properties.siteUrl || this.context.pageContext.web.absoluteUrl;
    const sp = spfi(siteUrl).using(SPFx(this.context), storeRequestBehaviors());
    this._store = new SharePointKeyStore(sp, { listTitle: this.properties.listTitle || undefined });
  }

  private _onSiteThemeChanged(args: ThemeChangedEventArgs): void {
    this._siteTheme = args.theme;
    this.render();
  }
}
