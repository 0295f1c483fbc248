// Where the credentials live, in real Chromium: a content script, which can read
// `storage.local` and the page's IndexedDB, finds no trace of the access token, while the
// worker still reaches it in the extension's own IndexedDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  startServer,
  type ServerProcess,
} from '../support/server-process';
import { useExtensionSession } from './support/session';
import { OptionsPage } from './pages/options';

const session = useExtensionSession();
let server: ServerProcess;
let alice: { token: string };

beforeAll(async () => {
  server = await startServer();
  alice = await createUser(server, 'Alice Reporter', 'reporter');
});

afterAll(async () => {
  await server?.stop();
});

/** What a content script injected into tab `tabId` can read: storage.local and IndexedDB. */
async function readFromContentScript(tabId: number): Promise<string> {
  return session.browser.worker.evaluate(async (id: number) => {
    // Runs in the worker; `func` runs as a content script in the page's isolated world.
    const api = (
      globalThis as unknown as {
        chrome: {
          scripting: {
            executeScript(o: object): Promise<{ result?: unknown }[]>;
          };
        };
      }
    ).chrome;
    const [answer] = await api.scripting.executeScript({
      target: { tabId: id },
      func: async () => {
        const c = (
          globalThis as unknown as {
            chrome: { storage: { local: { get(k: null): Promise<object> } } };
          }
        ).chrome;
        const local = await c.storage.local.get(null);
        const dbs = await indexedDB.databases();
        return JSON.stringify({ local, dbs });
      },
    });
    return String(answer?.result);
  }, tabId);
}

describe('the access token', () => {
  it('is out of reach of content scripts, and in reach of the worker', async () => {
    const options = new OptionsPage(
      await session.browser.openExtensionPage('options.html'),
    );
    expect(await options.connect(server.url, alice.token)).toContain(
      'Connected as Alice Reporter',
    );
    await options.page.close();

    const page = await session.browser.context.newPage();
    await page.goto(`${session.site.url}/council-form.html`);
    const seen = await readFromContentScript(
      await session.browser.tabIdOf(page),
    );
    // The content script did read storage.local: the server address is there, not the token.
    expect(seen).toContain(server.url.replace(/\/$/, ''));
    expect(seen).not.toContain(alice.token);

    const held = await session.browser.worker.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('snag');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result
              .transaction('credentials')
              .objectStore('credentials')
              .get('current');
            get.onsuccess = () =>
              resolve(
                String(
                  (get.result as { accessToken?: string } | undefined)
                    ?.accessToken,
                ),
              );
          };
        }),
    );
    expect(held).toBe(alice.token);
    await page.close();
  });
});
