/** Sync with the shared server (DESIGN §8). */
export * from './backoff';
export * from './client';
export * from './connect';
export * from './engine';
