export * from './ColumnFilterMenu';
export * from './ColumnFilterMenu.types';
