define([], function () {
  return {
    PropertyPaneDescription: 'API Key Management for Microsoft 365',
    StoreGroupName: 'Key store',
    StoreFromTenantSetting:
      'Every page, Teams tab and the personal app use the one key store named by the tenant setting ApiKeyManagement.Store (set by a SharePoint administrator on the tenant app catalog). There is nothing to configure here.'
  };
});
