define([], function () {
  return {
    PropertyPaneDescription: 'Where the API keys are kept. Every instance of this web part in the tenant should point at the same list.',
    StoreGroupName: 'Key store',
    SiteUrlFieldLabel: 'Site URL',
    SiteUrlFieldDescription: 'The site that holds the hidden API key list. Leave empty to use this site.',
    ListTitleFieldLabel: 'List title',
    ListTitleFieldDescription: 'The hidden list that stores key hashes. Default: API Keys.',
    SiteUrlInvalid: 'Enter an absolute https:// URL of a SharePoint site, or leave empty for this site.',
    ListTitleInvalid: 'Enter a list title (1 to 255 characters).'
  };
});
