/** Sync with the shared server (docs/architecture.md, "Sync"). */
export * from './backoff';
export * from './client';
export * from './connect';
export * from './engine';
