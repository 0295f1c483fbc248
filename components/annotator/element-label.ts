/**
 * A short, readable description of a page element, "role: name", shown while pinning so the
 * reporter knows what they are about to pin, whether they point with a mouse or walk the page
 * with the keyboard. It is a light approximation of the accessible name, enough to recognise
 * an element, not a full implementation of the spec.
 */

const IMPLICIT_ROLES: Record<string, string> = {
  a: 'link',
  article: 'article',
  aside: 'complementary',
  button: 'button',
  dialog: 'dialog',
  details: 'group',
  fieldset: 'group',
  footer: 'contentinfo',
  form: 'form',
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  h4: 'heading',
  h5: 'heading',
  h6: 'heading',
  header: 'banner',
  img: 'image',
  li: 'list item',
  main: 'main',
  nav: 'navigation',
  ol: 'list',
  p: 'paragraph',
  select: 'combo box',
  summary: 'summary',
  table: 'table',
  td: 'cell',
  th: 'column header',
  textarea: 'text box',
  ul: 'list',
  iframe: 'frame',
};

const INPUT_ROLES: Record<string, string> = {
  checkbox: 'checkbox',
  radio: 'radio button',
  submit: 'button',
  button: 'button',
  reset: 'button',
  range: 'slider',
  password: 'password field',
};

/** The element's role, explicit or implied by its tag. */
export function roleOf(element: Element): string {
  const explicit = element.getAttribute('role')?.trim().split(/\s+/)[0];
  if (explicit) return explicit;
  const tag = element.tagName.toLowerCase();
  if (tag === 'input') {
    const type = (element.getAttribute('type') ?? 'text').toLowerCase();
    return INPUT_ROLES[type] ?? 'text box';
  }
  return IMPLICIT_ROLES[tag] ?? tag;
}

const squash = (text: string | null | undefined) =>
  (text ?? '').replace(/\s+/g, ' ').trim();

/** The element's name, from ARIA, its label, alt text or its own text. */
export function nameOf(element: Element): string {
  const doc = element.ownerDocument;
  const labelled = element.getAttribute('aria-labelledby');
  if (labelled) {
    const text = labelled
      .split(/\s+/)
      .map((id) => squash(doc.getElementById(id)?.textContent))
      .join(' ')
      .trim();
    if (text) return text;
  }
  const direct = squash(element.getAttribute('aria-label'));
  if (direct) return direct;
  if (element.id) {
    for (const label of Array.from(doc.querySelectorAll('label'))) {
      if (label.htmlFor === element.id) return squash(label.textContent);
    }
  }
  const wrapping = element.closest('label');
  if (wrapping && wrapping !== element) return squash(wrapping.textContent);
  const alt = squash(
    element.getAttribute('alt') ??
      element.getAttribute('title') ??
      element.getAttribute('placeholder'),
  );
  if (alt) return alt;
  // Form fields are named by their label only: their value may be personal.
  if (/^(input|textarea|select)$/i.test(element.tagName)) return '';
  return squash(element.textContent);
}

/** "role: name", with the name cut to `max` characters. Plain text, for textContent only. */
export function labelOf(element: Element, max = 60): string {
  const name = nameOf(element);
  const short = name.length > max ? `${name.slice(0, max - 1)}…` : name;
  return short ? `${roleOf(element)}: ${short}` : roleOf(element);
}
