/**
 * Build of the review dashboard: a Preact single-page app served by the Snag server at `/`.
 * `npm run build:web` writes it to `server/web/dist/`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** A font stack every device already has, in place of GOV.UK's licensed typeface. */
const SYSTEM_FONTS =
  'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif';

/**
 * Removes every `@media` block whose query holds `\0`: old IE-only hacks that browsers ignore
 * anyway and that LightningCSS refuses to minify.
 */
function stripIeHacks(css: string): string {
  let out = css;
  let start = out.indexOf('@media');
  while (start !== -1) {
    const open = out.indexOf('{', start);
    if (open === -1) break;
    if (!out.slice(start, open).includes('\\0')) {
      start = out.indexOf('@media', open);
      continue;
    }
    let depth = 0;
    let end = open;
    for (; end < out.length; end++) {
      if (out[end] === '{') depth++;
      else if (out[end] === '}' && --depth === 0) break;
    }
    out = out.slice(0, start) + out.slice(end + 1);
    start = out.indexOf('@media', start);
  }
  return out;
}

/**
 * Councils may not use the GDS Transport typeface or the crown (both are reserved for GOV.UK),
 * and no Sass compiler is installed, so the compiled stylesheet is rewritten as it is bundled:
 * its `@font-face` rules and crest image go, and its font family becomes the system stack.
 */
function councilBranding(): Plugin {
  return {
    name: 'snag-council-branding',
    enforce: 'pre',
    transform(code, id) {
      if (!/govuk-frontend[\\/].*\.css(\?|$)/.test(id)) return null;
      return {
        code: stripIeHacks(code)
          .replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '')
          .replace(/@font-face\{[^}]*\}/g, '')
          .replace(/"?GDS Transport"?,\s*arial,\s*sans-serif/g, SYSTEM_FONTS)
          .replace(/"?GDS Transport"?/g, SYSTEM_FONTS)
          .replace(/url\(\/assets\/images\/govuk-crest\.svg\)/g, 'none'),
        map: null,
      };
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [councilBranding(), preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The dashboard targets the evergreen browsers council staff use.
    target: 'es2022',
  },
});
