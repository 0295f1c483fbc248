/**
 * The personal-data check lives in `protocol/`, so that the server runs the very same check on
 * every report it receives; the extension keeps importing it from here.
 */
export * from '@/protocol/personal-data';
