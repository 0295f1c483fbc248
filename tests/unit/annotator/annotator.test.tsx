import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import Annotator from '@/components/annotator/Annotator';
import type { AnnotatorApi } from '@/components/annotator/api';
import { emptyDraft } from '@/utils/report-draft';
import type { PageReport } from '@/utils/messaging';
import type { ReportInput } from '@/protocol/report';
import { validateReport } from '@/utils/report-validation';

/** Replaces the test page's body with fixed markup, parsed rather than assigned as HTML. */
function setBody(html: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes));
}

const ORPHAN = 'The page has changed here — possibly fixed, please re-check';
const page = {
  url: 'https://www.example-council.gov.uk/permits',
  title: 'Permits',
  service: 'www.example-council.gov.uk',
};
const environment = {
  browser: 'Chrome',
  version: '130',
  os: 'Linux',
  viewport: { width: 1280, height: 800 },
  language: 'en-GB',
  extensionVersion: '0.1.0',
};

function fakeApi(reports: PageReport[]): AnnotatorApi {
  return {
    context: vi.fn(async () => ({
      ok: true as const,
      value: { page, environment, draft: emptyDraft() },
    })),
    saveDraft: vi.fn(async () => ({ ok: true as const, value: undefined })),
    validateReport: vi.fn(async (report: ReportInput) => ({
      ok: true as const,
      value: validateReport(report),
    })),
    saveReport: vi.fn(async () => ({ ok: true as const, value: undefined })),
    reportsForPage: vi.fn(async () => ({ ok: true as const, value: reports })),
    capture: vi.fn(async () => ({ ok: false as const, error: 'no' })),
    setVote: vi.fn(async () => ({ ok: true as const, value: { votes: 3 } })),
  };
}

function mount(api: AnnotatorApi) {
  const host = document.createElement('div');
  host.setAttribute('data-snag-ui', '');
  document.body.append(host);
  return render(
    <Annotator
      api={api}
      doc={document}
      host={host}
      setCapturing={async () => {}}
      onClose={() => {}}
      retryForMs={0}
    />,
    { container: host },
  );
}

const quote = (exact: string) => [
  { type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' },
];

describe('annotator', () => {
  it('shows the mode buttons and the popup’s own report form', async () => {
    setBody('<main><p>Renew every year.</p></main>');
    mount(fakeApi([]));
    for (const name of ['Pin an element', 'Highlight text', 'Take screenshot'])
      expect(screen.getByRole('button', { name })).toBeTruthy();
    expect(
      await screen.findByRole('textbox', {
        name: 'What were you trying to do?',
      }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save report' })).toBeTruthy();
  });

  it('lists an annotation that no longer anchors as possibly fixed, with its quote as text', async () => {
    setBody('<main><p>Renew every year.</p></main>');
    const markup = '<img src=x onerror="alert(1)">gone';
    mount(
      fakeApi([
        {
          id: 'r1',
          mine: true,
          summary: 'Renewal is a chore',
          annotations: [
            {
              id: '0b6f3a52-5a4b-4d8e-9a59-0c3e6b2f1e11',
              kind: 'text',
              note: '',
              selectors: quote(markup),
            },
          ],
        },
      ]),
    );
    expect(await screen.findByText(ORPHAN, { exact: false })).toBeTruthy();
    expect(screen.getByText(markup)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });

  it('snags selected page text into a numbered note', async () => {
    setBody(
      '<main><p id="p">Residents must renew every twelve months.</p></main>',
    );
    const api = fakeApi([]);
    mount(api);
    await screen.findByRole('textbox', { name: 'What got in the way?' });
    const text = document.getElementById('p')!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 10);
    range.setEnd(text, 30);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    fireEvent.click(screen.getByRole('button', { name: 'Highlight text' }));
    expect(await screen.findByRole('textbox', { name: 'Note 1' })).toBeTruthy();
    await waitFor(() => expect(api.saveDraft).toHaveBeenCalled());
    const saved = vi.mocked(api.saveDraft).mock.calls.at(-1)![0]!;
    expect(saved.annotations[0]!.kind).toBe('text');
    expect(
      saved.annotations[0]!.selectors.find(
        (s) => s.type === 'TextQuoteSelector',
      ),
    ).toMatchObject({ exact: 'must renew every twe' });
  });

  it('has the background check the report and shows what it finds by the fields', async () => {
    setBody('<main><p>Renew every year.</p></main>');
    const api = fakeApi([]);
    mount(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Save report' }));
    await waitFor(() => expect(api.validateReport).toHaveBeenCalledTimes(1));
    const trying = screen.getByRole('textbox', {
      name: 'What were you trying to do?',
    });
    await waitFor(() =>
      expect(trying.getAttribute('aria-invalid')).toBe('true'),
    );
    expect(api.saveReport).not.toHaveBeenCalled();
  });

  it('shows a failed check as a form error and saves nothing', async () => {
    setBody('<main><p>Renew every year.</p></main>');
    const api = fakeApi([]);
    vi.mocked(api.validateReport).mockResolvedValue({
      ok: false,
      error: 'The extension was reloaded',
    });
    mount(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Save report' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The extension was reloaded',
    );
    expect(api.saveReport).not.toHaveBeenCalled();
  });

  it('saves once however often Save is pressed while the background checks', async () => {
    setBody('<main><p>Renew every year.</p></main>');
    const api = fakeApi([]);
    let answer: (value: { ok: true; value: null }) => void = () => {};
    vi.mocked(api.validateReport).mockImplementation(
      () => new Promise((done) => (answer = done)),
    );
    mount(api);
    const save = await screen.findByRole('button', { name: 'Save report' });
    fireEvent.click(save);
    fireEvent.click(save);
    fireEvent.click(save);
    answer({ ok: true, value: null });
    await waitFor(() => expect(api.saveReport).toHaveBeenCalledTimes(1));
    expect(api.validateReport).toHaveBeenCalledTimes(1);
  });

  it("offers Me too on a colleague's report and shows the new count", async () => {
    setBody('<main><p>Renew every year.</p></main>');
    const api = fakeApi([
      {
        id: 'r2',
        mine: false,
        summary: 'Too many steps',
        votes: 2,
        annotations: [
          {
            id: '0b6f3a52-5a4b-4d8e-9a59-0c3e6b2f1e12',
            kind: 'text',
            note: 'This bit',
            selectors: quote('Renew every year.'),
          },
        ],
      },
    ]);
    mount(api);
    fireEvent.click(
      await screen.findByRole('button', { name: /^Report A: Too many steps/ }),
    );
    const meToo = await screen.findByRole('button', { name: /Me too/ });
    fireEvent.click(meToo);
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: /Me too/ }).textContent,
      ).toContain('3'),
    );
    expect(api.setVote).toHaveBeenCalledWith('r2', true);
  });
});
