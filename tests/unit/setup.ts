// Unit tests run against WXT's in-memory fake browser and an in-memory IndexedDB, both fresh
// for every test so no state leaks between them.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import { closeDb } from '@/utils/db';
import { Blob as NodeBlob } from 'node:buffer';

// happy-dom's Blob does not survive structured cloning in fake-indexeddb, where a browser's
// does; Node's own Blob behaves like the browser's here.
globalThis.Blob = NodeBlob as unknown as typeof Blob;

type Messages = Record<string, { message: string }>;

/** The fake browser has no i18n; answer from the English catalogue, as Chrome would. */
function getMessage(name: string, substitutions?: string | string[]): string {
  const subs = substitutions === undefined ? [] : [substitutions].flat();
  const entry = (en as Messages)[name];
  if (!entry) return '';
  return entry.message.replace(
    /\$(\d)/g,
    (_, n: string) => subs[Number(n) - 1] ?? '',
  );
}

beforeEach(async () => {
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
  Object.assign(fakeBrowser.i18n, {
    getMessage,
    getUILanguage: () => 'en',
  });
  Object.assign(fakeBrowser.runtime, {
    getManifest: () => ({
      manifest_version: 3,
      name: 'Snag',
      version: '0.1.0',
    }),
  });
});

afterEach(() => {
  cleanup();
});
