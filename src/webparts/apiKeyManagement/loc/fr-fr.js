define([], function () {
  return {
    PropertyPaneDescription: 'Gestion des clés d’API pour Microsoft 365',
    StoreGroupName: 'Stockage des clés',
    StoreFromTenantSetting:
      'Toutes les pages, tous les onglets Teams et l’application personnelle utilisent le même stockage des clés, désigné par le paramètre de locataire ApiKeyManagement.Store (défini par un administrateur SharePoint sur le catalogue d’applications du locataire). Il n’y a rien à configurer ici.'
  };
});
