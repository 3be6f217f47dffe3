// The panel itself is loaded on demand (React.lazy in the page): only its props type is public here.
export * from './RollKeyPanel.types';
