define([], function () {
  return {
    PropertyPaneDescription: "Emplacement des clés d'API. Toutes les instances de ce composant dans le locataire doivent pointer vers la même liste.",
    StoreGroupName: 'Stockage des clés',
    SiteUrlFieldLabel: 'URL du site',
    SiteUrlFieldDescription: "Le site qui contient la liste masquée des clés d'API. Laissez vide pour utiliser ce site.",
    ListTitleFieldLabel: 'Titre de la liste',
    ListTitleFieldDescription: 'La liste masquée qui stocke les empreintes des clés. Par défaut : API Keys.',
    SiteUrlInvalid: "Saisissez l'URL https:// absolue d'un site SharePoint, ou laissez vide pour ce site.",
    ListTitleInvalid: 'Saisissez un titre de liste (1 à 255 caractères).'
  };
});
