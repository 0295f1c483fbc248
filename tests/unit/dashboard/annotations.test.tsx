import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import type { AnnotationSeen } from '@/protocol/anchoring';
import Annotations, {
  LAST_SEEN_TEXT,
} from '@/server/web/src/components/Annotations';
import { formatTime } from '@/server/web/src/labels';

const AT = '2025-06-02T09:00:00.000Z';

function note(
  id: number,
  lastSeen?: AnnotationSeen['lastSeen'],
): AnnotationSeen {
  return {
    id: `00000000-0000-4000-8000-00000000000${id}`,
    kind: 'text',
    note: `Note ${id}`,
    selectors: [
      {
        type: 'TextQuoteSelector',
        exact: `Quote ${id}`,
        prefix: '',
        suffix: '',
      },
    ],
    ...(lastSeen ? { lastSeen } : {}),
  };
}

function shown(annotations: AnnotationSeen[]) {
  const { container } = render(
    <Annotations annotations={annotations} screenshot={null} />,
  );
  return [...container.querySelectorAll('li')];
}

afterEach(cleanup);

describe('Annotations: how each note anchored when last seen', () => {
  it('says in words how a note was found, with when it was last checked', () => {
    const [exact, fuzzy, contextual, missing, never] = shown([
      note(1, { quality: 'exact', at: AT }),
      note(2, { quality: 'fuzzy', at: AT }),
      note(3, { quality: 'contextual', at: AT }),
      note(4, { quality: 'missing', at: AT }),
      note(5),
    ]);
    const when = `last checked ${formatTime(AT)}`;
    expect(exact?.querySelector('.snag-seen')).toBeNull();
    expect(never?.querySelector('.snag-seen')).toBeNull();
    expect(fuzzy?.querySelector('.snag-seen')?.textContent).toBe(
      `The text here changed slightly — ${when}`,
    );
    expect(contextual?.querySelector('.snag-seen')?.textContent).toBe(
      `Found by its surroundings — ${when}`,
    );
    expect(missing?.querySelector('.snag-seen')?.textContent).toBe(
      `Not found on the page when last checked — possibly fixed, please re-check (${when})`,
    );
    expect(fuzzy?.querySelector('time')?.getAttribute('datetime')).toBe(AT);
  });

  it('draws a changed passage dashed, and only that one', () => {
    const [fuzzy, contextual, never] = shown([
      note(1, { quality: 'fuzzy', at: AT }),
      note(2, { quality: 'contextual', at: AT }),
      note(3),
    ]);
    expect(fuzzy?.classList.contains('snag-annotation--fuzzy')).toBe(true);
    expect(contextual?.classList.contains('snag-annotation--fuzzy')).toBe(
      false,
    );
    expect(never?.className).toBe('snag-annotation');
  });

  it('uses the annotator’s own words for a changed passage', async () => {
    const { readFile } = await import('node:fs/promises');
    const messages = JSON.parse(
      await readFile('public/_locales/en/messages.json', 'utf8'),
    ) as Record<string, { message: string }>;
    const words = Object.values(messages).map((m) => m.message);
    expect(words).toContain(LAST_SEEN_TEXT.fuzzy);
  });
});
