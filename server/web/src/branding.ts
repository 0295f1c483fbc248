/**
 * Applies the council's own colour to the header, choosing black or white text by contrast so
 * any brand colour stays readable (WCAG 2.2, 1.4.3).
 */

/** Parses `#rgb` or `#rrggbb`; other forms are refused so no arbitrary CSS gets through. */
export function parseHexColour(
  colour: string,
): [number, number, number] | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!match?.[1]) return null;
  const hex =
    match[1].length === 3 ? [...match[1]].map((c) => c + c).join('') : match[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [
    number,
    number,
    number,
  ];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Black or white, whichever contrasts more with `colour`. */
export function textColourOn(
  rgb: [number, number, number],
): '#0b0c0c' | '#ffffff' {
  const l = luminance(rgb);
  const onWhite = 1.05 / (l + 0.05);
  const onBlack = (l + 0.05) / (luminance([11, 12, 12]) + 0.05);
  return onWhite >= onBlack ? '#ffffff' : '#0b0c0c';
}

/** Sets the brand colour custom properties on `root`; an unusable colour keeps the default. */
export function applyBrandColour(
  colour: string,
  root: HTMLElement = document.documentElement,
): void {
  const rgb = parseHexColour(colour);
  if (!rgb) return;
  root.style.setProperty('--snag-brand', colour.trim());
  root.style.setProperty('--snag-brand-text', textColourOn(rgb));
}
