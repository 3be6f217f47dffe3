declare interface IApiKeyManagementWebPartStrings {
  PropertyPaneDescription: string;
  StoreGroupName: string;
  SiteUrlFieldLabel: string;
  SiteUrlFieldDescription: string;
  ListTitleFieldLabel: string;
  ListTitleFieldDescription: string;
  SiteUrlInvalid: string;
  ListTitleInvalid: string;
}

declare module 'ApiKeyManagementWebPartStrings' {
  const strings: IApiKeyManagementWebPartStrings;
  export = strings;
}
