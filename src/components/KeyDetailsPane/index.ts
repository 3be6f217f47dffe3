// The pane itself is loaded on demand (React.lazy in the list section): only its props type is public here.
export * from './KeyDetailsPane.types';
