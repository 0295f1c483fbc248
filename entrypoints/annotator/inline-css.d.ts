// Vite's `?inline` imports give a stylesheet's text; the annotator passes it to its shadow
// root instead of injecting a file the page could see.
declare module '*.css?inline' {
  const css: string;
  export default css;
}
