declare interface IApiKeyManagementStrings {
  PageTitle: string;
  PageDescription: string;
  SignedInAs: string;

  CommandGenerate: string;
  CommandEdit: string;
  CommandRevoke: string;
  CommandRefresh: string;
  CommandBarAriaLabel: string;

  ColumnName: string;
  ColumnApiKey: string;
  ColumnStatus: string;
  ColumnPermission: string;
  ColumnCreated: string;
  ColumnCreatedBy: string;
  ColumnRevokedAt: string;
  ColumnRevokedBy: string;

  StatusActive: string;
  StatusRevoked: string;
  PermissionReadOnly: string;
  PermissionFullControl: string;
  PermissionReadOnlyDescription: string;
  PermissionFullControlDescription: string;
  TailPrefix: string;
  ListAriaLabel: string;
  SelectRowAriaLabel: string;
  SelectionColumnAriaLabel: string;

  SearchPlaceholder: string;
  SearchAriaLabel: string;
  KeyCount: string;
  ClearAllFilters: string;
  RemoveFilterAriaLabel: string;
  ActiveFiltersLabel: string;

  ColumnMenuAriaLabel: string;
  SortAscending: string;
  SortDescending: string;
  FilterHeading: string;
  FilterTextLabel: string;
  FilterFrom: string;
  FilterTo: string;
  FilterNoPeople: string;
  FilterPeopleSearch: string;
  FilterClear: string;
  FilterDone: string;
  ChipContains: string;
  ChipFrom: string;
  ChipTo: string;

  EmptyTitle: string;
  EmptyAdmin: string;
  EmptyReader: string;
  NoMatches: string;

  Retry: string;
  Reload: string;
  ConflictTitle: string;
  ConflictRenamed: string;
  /** {0} the current name, {1} who changed the key, {2} when. */
  ConflictRenamedBy: string;
  ConflictRevoked: string;
  ConflictRevokedUnknown: string;
  ConflictGone: string;
  ConflictUnknown: string;
  ThrottledTitle: string;
  ThrottledDetail: string;
  ThrottledRetryAfter: string;
  ForbiddenTitle: string;
  ForbiddenDetail: string;
  NotFoundTitle: string;
  NotFoundDetail: string;
  AlreadyRevokedTitle: string;
  AlreadyRevokedDetail: string;
  ValidationTitle: string;
  MalformedTitle: string;

  NotProvisionedTitle: string;
  NotProvisionedAdmin: string;
  NotProvisionedOthers: string;
  NotProvisionedCreate: string;
  NotProvisionedCreating: string;
  NotProvisionedFix: string;

  RoleCheckingLabel: string;
  NotAdminTitle: string;
  NotAdminNotAssigned: string;
  NotAdminGrantMissing: string;
  NotAdminPim: string;
  NoAccessTitle: string;
  NoAccessDetail: string;

  NameLabel: string;
  NameDescription: string;
  NameEmpty: string;
  NameTooLong: string;
  NameControlCharacters: string;
  PermissionLabel: string;
  PermissionFixedNote: string;
  Save: string;
  Saving: string;
  Cancel: string;
  Close: string;

  GenerateTitle: string;
  GenerateIntro: string;
  GeneratedKeyLabel: string;
  GeneratedKeyWarning: string;
  GeneratedKeyCopy: string;
  GeneratedKeyCopied: string;
  GeneratedKeyCopyFailed: string;
  GeneratedKeyDone: string;
  CloseUncopiedTitle: string;
  CloseUncopiedText: string;
  CloseUncopiedConfirm: string;
  CloseUncopiedBack: string;

  EditTitle: string;
  EditPermissionReadOnlyNote: string;

  RevokeTitle: string;
  RevokeIntro: string;
  RevokeConsequences: string;
  RevokeIrreversible: string;
  RevokeConfirmCheckbox: string;
  RevokeConfirm: string;
  Revoking: string;

  PanelLoading: string;
  KeyCreatedAnnouncement: string;
  KeyRenamedAnnouncement: string;
  KeyRevokedAnnouncement: string;

  // list, details pane, bulk revoke
  CommandExport: string;
  ExportKeyEndingColumn: string;
  ColumnActions: string;
  ColumnKey: string;
  MoreActionsAriaLabel: string;
  ViewDetails: string;
  CopyKeyEnding: string;
  CopyKeyEndingTitle: string;
  CopiedKeyEnding: string;
  CopyKeyEndingFailed: string;
  CommandFilter: string;
  CommandRevokeSelected: string;
  FilterByColumn: string;
  SelectAllAriaLabel: string;
  StatusTampered: string;
  StatusExpired: string;
  StatusExpiredOn: string;
  StatusExpiresOn: string;
  StatusExpiringSoon: string;
  ExpiresLabel: string;
  ExpiresNever: string;
  ExpiresInDays: string;
  ExpiresInOneYear: string;
  ExpiresOnDate: string;
  ExpiresDateLabel: string;
  ExpiresDateInvalid: string;
  ExpiresDatePast: string;
  ExpiresFixedNote: string;
  GeneratedKeyExpires: string;
  TamperedChangedByOn: string;
  TamperedChangedBy: string;
  TamperedChangedOn: string;
  StatusRevokedOnBy: string;
  StatusRevokedOn: string;
  CreatedOnBy: string;
  DetailsKeyEnding: string;
  DetailsAllows: string;
  DetailsLastChanged: string;
  DetailsChangedOnBy: string;
  DetailsNotRevoked: string;
  DetailsHistoryTitle: string;
  DetailsHistoryPlaceholder: string;
  DetailsTamperedTitle: string;
  DetailsTamperedAdvice: string;
  BulkRevokeTitle: string;
  BulkRevokeIntro: string;
  BulkRevokeConfirmCheckbox: string;
  BulkRevokeConfirm: string;
  BulkRevokeProgress: string;
  BulkRevokedAnnouncement: string;
  BulkRevokePartialTitle: string;
  BulkRevokeSucceeded: string;
  BulkRevokeFailed: string;
  BulkRevokeFailedItem: string;
  BulkRevokeNoneRevoked: string;
  // themes, focus, errors, generate, locale
  FailedLoadTitle: string;
  FailedCreateTitle: string;
  FailedRenameTitle: string;
  FailedRevokeTitle: string;
  FailedProvisionTitle: string;
  SharePointFailed: string;
  SharePointRefused: string;
  SharePointUnreachable: string;
  UnexpectedFailure: string;
  OutcomeLoadNothingChanged: string;
  OutcomeCreateNotSaved: string;
  OutcomeCreateUnknown: string;
  OutcomeRenameNotSaved: string;
  OutcomeRenameUnknown: string;
  OutcomeRevokeNotSaved: string;
  OutcomeRevokeUnknown: string;
  OutcomeProvisionNotSaved: string;
  OutcomeProvisionUnknown: string;
  TryAgainShortly: string;
  CopyDetails: string;
  DetailsCopied: string;
  /** The Copy details button once it copied. */
  DetailsCopiedButton: string;
  DetailsFix: string;
  DetailsStatus: string;
  DetailsCorrelationId: string;
  DetailsTime: string;
  DetailsMessage: string;
  NotProvisionedMissingList: string;
  NotProvisionedUnsafe: string;
  NotProvisionedExposed: string;
  NotProvisionedExposedUnnamed: string;
  NotProvisionedExposedFix: string;
  NotProvisionedNotOurs: string;
  NotProvisionedNotOursFix: string;
  NotProvisionedWrongStore: string;
  NotProvisionedWrongStoreFix: string;
  NotProvisionedTenantSetting: string;
  NotProvisionedUnpinned: string;
  NotProvisionedAskAdmin: string;
  RoleUnknownTitle: string;
  RoleCheckFailed: string;
  ActivateRoleLink: string;
  NoAccessAskOwners: string;
  NoAccessAdminHint: string;
  GeneratedKeySummary: string;
  GeneratedKeyUsageTitle: string;
  GeneratedKeyUsage: string;
  GeneratedKeyUsageExample: string;
}

declare module 'ApiKeyManagementStrings' {
  const strings: IApiKeyManagementStrings;
  export = strings;
}
