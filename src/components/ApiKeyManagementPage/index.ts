export * from './ApiKeyManagementPage';
export * from './ApiKeyManagementPage.types';
export * from './teamsThemes';
