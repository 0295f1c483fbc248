import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import type { InlineConfig, Plugin } from 'vite';
import { EXTENSION_PUBLIC_KEY } from './protocol/extension-identity';

// WXT takes NODE_ENV from the mode's name when it is unset, so `npm run build:e2e` would
// otherwise be a development build (Preact's debug tooling, development JSX). It must run the
// code that ships. (The e2e tests' set-up passes NODE_ENV=production itself.)
if (process.env.NODE_ENV === 'e2e') process.env.NODE_ENV = 'production';

/** The in-page script injected into council pages, whose size every page pays for. */
const IN_PAGE_SCRIPT = 'annotator';
/**
 * The second in-page script, injected when the user first picks or selects text, or when a
 * mark is not where it was and anchoring must search (components/annotator/picker-tools.ts).
 */
const PICKER_SCRIPT = 'annotator-picker';

/**
 * The in-page script uses the browser's own promise-based API (`chrome` in Chromium MV3,
 * `browser` in Firefox) instead of webextension-polyfill: it only sends messages and reads
 * UI strings, both of which need no polyfill, and the polyfill would be about a tenth of the
 * script. The picker's script, injected beside it, does the same. Every other entrypoint keeps
 * the polyfill.
 */
function useNativeBrowserApi(config: InlineConfig): void {
  const native = { find: 'wxt/browser', replacement: '@wxt-dev/browser' };
  const alias = config.resolve?.alias;
  const entries = Array.isArray(alias)
    ? alias.filter((a) => a.find !== native.find)
    : Object.entries(alias ?? {})
        .filter(([find]) => find !== native.find)
        .map(([find, replacement]) => ({ find, replacement }));
  config.resolve = { ...config.resolve, alias: [native, ...entries] };
}

/**
 * In the in-page scripts, anchoring's selector check is replaced by the page's stand-in
 * (components/annotator/checked-selectors.ts): the frame checks every mark's selectors before
 * it sends them, so the page need not carry the check a second time.
 */
const PAGE_SELECTOR_CHECK = fileURLToPath(
  new URL('./components/annotator/checked-selectors.ts', import.meta.url),
);
function pageSelectorCheck(): Plugin {
  return {
    name: 'snag:page-selector-check',
    enforce: 'pre',
    resolveId(source, importer) {
      const inAnchoring = importer
        ?.replaceAll('\\', '/')
        .includes('/utils/anchoring/');
      return source === './valid' && inAnchoring ? PAGE_SELECTOR_CHECK : null;
    },
  };
}

/**
 * Property names that only ever name fields of the in-page script's own objects (anchoring's
 * candidates, matches and views of the text, the layer's placements): never a DOM or browser
 * API's, nor a message's, a selector's, or anything the two in-page scripts hand each other
 * (each is shortened on its own). The in-page builds shorten them. A name that starts to cross one of those lines must come out.
 */
const PAGE_PRIVATE_PROPERTIES =
  /^(sides|errors|inScope|caseDiffers|penalty|lastRowMask|toOriginal|fromOriginal|sameWhole|sameTag|sameShape|tailIsCompound|agreement|anchored)$/;

/** Minifies the in-page script as usual, and shortens its private property names. */
function shortenPrivateProperties(config: InlineConfig): void {
  const rolldown = config.build?.rolldownOptions ?? {};
  const output = rolldown.output;
  if (Array.isArray(output)) throw new Error('One output expected');
  config.build = {
    ...config.build,
    rolldownOptions: {
      ...rolldown,
      output: {
        ...output,
        minify: {
          compress: true,
          mangle: true,
          mangleProps: { include: PAGE_PRIVATE_PROPERTIES },
        },
      },
    },
  };
}

// `build:e2e` runs with `--mode e2e`: the production build plus host access, because a
// headless browser cannot answer `permissions.request` and `captureVisibleTab` needs host
// access without a toolbar click (docs/architecture.md, "The extension"). The production manifest never carries it.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Every import is written out, so the import-boundary lint rule sees it (docs/architecture.md).
  imports: false,
  // Firefox too: MV3 gives it optional host permissions and the same action and commands.
  manifestVersion: 3,
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  vite: () => ({
    plugins: [preact()],
  }),
  hooks: {
    'vite:build:extendConfig': (entrypoints, config) => {
      const inPage = [IN_PAGE_SCRIPT, PICKER_SCRIPT];
      if (entrypoints.some((e) => inPage.includes(e.name))) {
        useNativeBrowserApi(config);
        config.plugins = [pageSelectorCheck(), ...(config.plugins ?? [])];
        shortenPrivateProperties(config);
      }
    },
  },
  manifest: ({ mode, browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'activeTab',
      'scripting',
      'storage',
      'alarms',
      'contextMenus',
      // "Sign in with your council account": launchWebAuthFlow. No prompt at install.
      'identity',
    ],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Snag's frame is shown over web pages. A dynamic address (Chrome) changes every session,
    // so a page cannot probe for the extension by loading a known URL.
    web_accessible_resources: [
      {
        resources: ['annotator-frame.html'],
        matches: ['<all_urls>'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    ...(mode === 'e2e' ? { host_permissions: ['<all_urls>'] } : {}),
    // Fixes the Chrome and Edge extension ID, which policies and sign-in redirects name.
    // Chrome and Edge describe managed settings with a schema; Firefox reads its policies'
    // `3rdparty` section without one.
    ...(browser === 'firefox'
      ? {}
      : {
          key: EXTENSION_PUBLIC_KEY,
          storage: { managed_schema: 'managed_schema.json' },
        }),
    action: { default_title: '__MSG_actionTitle__' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandReport__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'snag@snag.invalid',
              // data_collection_permissions is understood from Firefox 140 (142 on Android).
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: {
              strict_min_version: '142.0',
            },
          },
        }
      : {}),
  }),
});
