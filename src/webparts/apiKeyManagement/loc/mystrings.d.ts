declare interface IApiKeyManagementWebPartStrings {
  PropertyPaneDescription: string;
  StoreGroupName: string;
  StoreFromTenantSetting: string;
}

declare module 'ApiKeyManagementWebPartStrings' {
  const strings: IApiKeyManagementWebPartStrings;
  export = strings;
}
