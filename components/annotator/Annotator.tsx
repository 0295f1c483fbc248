import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type {
  Annotation,
  ReportInput,
  ScreenshotInfo,
} from '@/protocol/report';
import ReportForm from '@/components/ReportForm';
import { describeElement, describeRange } from '@/utils/anchoring/describe';
import {
  draftToReport,
  emptyDraft,
  type ReportDraft,
} from '@/utils/report-draft';
import { msg, t } from '@/utils/i18n';
import { newItemId } from '@/utils/ids';
import type { AnnotatorContext, PageReport } from '@/utils/messaging';
import {
  autoRedactions,
  captureScale,
  pinMarkers,
  privateElements,
} from '@/utils/screenshot';
import { MAX_ANNOTATIONS } from '@/protocol/constants';
import type { AnnotatorApi } from './api';
import { parseDataUrl } from '@/utils/data-url';
import type { FieldErrors } from '@/utils/report-validation';
import Marks from './Marks';
import PinPicker from './PinPicker';
import {
  boxesOf,
  placeAll,
  stillThere,
  watchPage,
  type MarkTarget,
  type Placed,
} from './placement';
import ScreenshotEditor, { type MaskedScreenshot } from './ScreenshotEditor';
import SelectionButton, { pageSelection } from './SelectionButton';

/** Props of the in-page annotator. */
export interface AnnotatorProps {
  /** Talks to the background. Injected: tests pass their own. */
  api: AnnotatorApi;
  /** The page's document. */
  doc: Document;
  /** Snag's host element in the page. */
  host: Element;
  /** Hides Snag's UI while the tab is captured (and shows it again), resolving once painted. */
  setCapturing: (on: boolean) => Promise<void>;
  /** Closes the annotator. */
  onClose: () => void;
  /** Test seam: how long orphans are retried after load or navigation, in ms. */
  retryForMs?: number;
}

type Mode = 'idle' | 'pin' | 'highlight' | 'screenshot';

interface Capture {
  image: ImageBitmap;
  size: { width: number; height: number };
  auto: ReturnType<typeof autoRedactions>;
  pins: ReturnType<typeof pinMarkers>;
}

/** Decodes a `data:` URL without loading it as a resource, so the page's CSP cannot block it. */
async function decodeImage(dataUrl: string): Promise<ImageBitmap> {
  const image = parseDataUrl(dataUrl);
  if (!image) throw new Error('The image is not a data URL');
  return createImageBitmap(
    new Blob([image.bytes as BlobPart], { type: image.type }),
  );
}

/** The masked screenshot kept with a draft, ready to preview and save again; null if unreadable. */
async function restoreScreenshot(
  dataUrl: string,
  info: ScreenshotInfo,
): Promise<MaskedScreenshot | null> {
  try {
    return { dataUrl, bitmap: await decodeImage(dataUrl), info };
  } catch {
    return null;
  }
}

const quoteOf = (a: Annotation) =>
  a.selectors.find((s) => s.type === 'TextQuoteSelector')?.exact ?? '';

/**
 * The annotator on the page: mode buttons (pin an element, highlight text, take a
 * screenshot), numbered marks over the page, the reports already on this page (with the ones
 * that no longer anchor listed as possibly fixed), and the composer, which is the popup's own
 * report form.
 */
export default function Annotator(props: AnnotatorProps) {
  const { api, doc, host } = props;
  const root = doc.body ?? doc.documentElement;
  const [context, setContext] = useState<AnnotatorContext | null>(null);
  const [draft, setDraft] = useState<ReportDraft | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [mode, setMode] = useState<Mode>('idle');
  const [reports, setReports] = useState<PageReport[]>([]);
  const [placed, setPlaced] = useState<Placed[]>([]);
  const [openReport, setOpenReport] = useState<string | null>(null);
  const [capture, setCapture] = useState<Capture | null>(null);
  const [screenshot, setScreenshot] = useState<MaskedScreenshot | null>(null);
  const draftRef = useRef<ReportDraft | null>(null);
  draftRef.current = draft;
  const panel = useRef<HTMLElement>(null);
  const preview = useRef<HTMLCanvasElement>(null);

  const targets = useMemo((): MarkTarget[] => {
    const own = (draft?.annotations ?? []).map((annotation, i) => ({
      key: `draft:${annotation.id}`,
      label: String(i + 1),
      annotation,
    }));
    const saved = reports.flatMap((r, i) =>
      r.annotations.map((annotation, j) => ({
        key: `${r.id}:${annotation.id}`,
        label:
          r.annotations.length > 1
            ? `${String.fromCharCode(65 + (i % 26))}${j + 1}`
            : String.fromCharCode(65 + (i % 26)),
        annotation,
        reportId: r.id,
      })),
    );
    return [...own, ...saved];
  }, [draft?.annotations, reports]);
  const targetsRef = useRef(targets);
  targetsRef.current = targets;
  const placedRef = useRef(placed);
  placedRef.current = placed;

  const loadReports = async () => {
    const answer = await api.reportsForPage();
    setReports(answer.ok ? answer.value : []);
  };

  const load = async () => {
    const answer = await api.context();
    if (!answer.ok) {
      setError(t('annotatorLoadFailed', answer.error));
      return;
    }
    setContext(answer.value);
    // The draft's masked screenshot comes back from the device; a draft whose image cannot
    // be restored must not claim one.
    const { draft: saved, screenshot: image } = answer.value;
    const restored =
      image && saved.screenshot
        ? await restoreScreenshot(image, saved.screenshot)
        : null;
    setScreenshot(restored);
    setDraft(restored ? saved : { ...saved, screenshot: undefined });
    setFormKey((k) => k + 1);
    await loadReports();
  };

  useEffect(() => {
    // Snag was just called up from the toolbar, shortcut or menu: start from its tools, so
    // keyboard users need not tab through the whole page to reach them.
    panel.current?.querySelector<HTMLElement>('.snag-tools button')?.focus();
    void load();
    const stop = watchPage({
      root,
      retryForMs: props.retryForMs,
      reanchor: () => {
        const next = placeAll(root, targetsRef.current);
        setPlaced(next);
        return next.every((p) => p.anchored !== null);
      },
      anyGone: () => placedRef.current.some((p) => !stillThere(p)),
      onNavigate: () => void load(),
    });
    return stop;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one watcher for the annotator's life; it reads the latest state through refs
  }, []);

  // Anchor again whenever what is shown changes (a new annotation, reports loaded).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `root` is the page's body for the annotator's life
  useEffect(() => setPlaced(placeAll(root, targets)), [targets]);

  // A link from the review dashboard ends in `#snag=<report id>`: open that report and bring
  // its first note into view, once.
  const linked = useRef(
    /^#snag=([0-9a-f-]{36})$/i.exec(
      doc.defaultView?.location.hash ?? '',
    )?.[1] ?? null,
  );
  useEffect(() => {
    const id = linked.current;
    if (!id || !reports.some((r) => r.id === id)) return;
    linked.current = null;
    setOpenReport(id);
    const mark = placed.find((p) => p.target.reportId === id && p.anchored);
    const at =
      mark?.anchored?.element ??
      mark?.anchored?.range?.startContainer.parentElement;
    at?.scrollIntoView({ block: 'center' });
  }, [placed, reports]);

  useEffect(() => {
    const c = preview.current;
    if (!c || !screenshot) return;
    c.width = screenshot.info.width;
    c.height = screenshot.info.height;
    c.getContext('2d')?.drawImage(screenshot.bitmap, 0, 0);
  }, [screenshot]);

  /** Shows and autosaves the draft; `screenshot` as for `AnnotatorApi.saveDraft`. */
  const commit = (next: ReportDraft, screenshot?: string | null) => {
    setDraft(next);
    return api.saveDraft(next, screenshot);
  };

  const focusNote = (index: number, tries = 20) => {
    // The note field appears once the form has caught up with the new annotation, a render
    // or two later; move focus there so typing can follow.
    const field = panel.current?.querySelectorAll<HTMLTextAreaElement>(
      'ol.annotations textarea',
    )[index];
    if (field) field.focus();
    else if (tries > 0) setTimeout(() => focusNote(index, tries - 1), 25);
  };

  const addAnnotation = (
    kind: Annotation['kind'],
    selectors: Annotation['selectors'],
  ) => {
    const current = draftRef.current;
    if (!current) return;
    if (current.annotations.length >= MAX_ANNOTATIONS) {
      setStatus(t('annotationLimit', String(MAX_ANNOTATIONS)));
      return;
    }
    const annotation: Annotation = {
      id: newItemId(),
      kind,
      note: '',
      selectors,
    };
    const next = {
      ...current,
      annotations: [...current.annotations, annotation],
    };
    void commit(next);
    setMode('idle');
    setStatus(t('annotationAdded', String(next.annotations.length)));
    focusNote(next.annotations.length - 1);
  };

  const pinElement = (element: Element) => {
    try {
      addAnnotation('element', describeElement(element, root));
    } catch {
      setStatus(t('annotationFailed'));
      setMode('idle');
    }
  };

  const snagRange = (range: Range) => {
    try {
      addAnnotation('text', describeRange(range, root));
    } catch {
      setStatus(t('annotationFailed'));
    }
  };

  const startHighlight = () => {
    const range = pageSelection(doc, host);
    if (range) snagRange(range);
    else {
      setMode('highlight');
      setStatus(t('highlightInstructions'));
    }
  };

  const takeScreenshot = async () => {
    const win = doc.defaultView;
    if (!win) return;
    setMode('screenshot');
    setStatus(t('screenshotTaking'));
    const privateBoxes = privateElements(root).flatMap((e) =>
      Array.from(e.getClientRects()),
    );
    const pinBoxes = placedRef.current
      .filter((p) => p.target.reportId === undefined)
      .map((p) => ({
        number: Number(p.target.label),
        box: boxesOf(p)[0] ?? null,
      }));
    const viewportWidth = win.innerWidth;
    await props.setCapturing(true);
    const shot = await api.capture();
    await props.setCapturing(false);
    if (!shot.ok) {
      setMode('idle');
      setStatus(t('screenshotFailed', shot.error));
      return;
    }
    try {
      const image = await decodeImage(shot.value);
      const size = { width: image.width, height: image.height };
      const scale = captureScale(
        size.width,
        viewportWidth,
        win.devicePixelRatio,
      );
      setCapture({
        image,
        size,
        auto: autoRedactions(privateBoxes, scale, size),
        pins: pinMarkers(pinBoxes, scale, size),
      });
      setStatus('');
    } catch (e) {
      setMode('idle');
      setStatus(
        t('screenshotFailed', e instanceof Error ? e.message : String(e)),
      );
    }
  };

  const closeCapture = () => {
    // The unmasked capture is let go of as soon as the editor closes.
    capture?.image.close();
    setCapture(null);
    setMode('idle');
  };

  const build = (d: ReportDraft): ReportInput =>
    draftToReport(d, context!.page, context!.environment);

  // The background holds the schema; a failed check is shown like any other form error.
  const validate = async (report: ReportInput): Promise<FieldErrors | null> => {
    const answer = await api.validateReport(report);
    return answer.ok ? answer.value : { form: t('saveFailed', answer.error) };
  };

  const onSave = async (report: ReportInput): Promise<string | null> => {
    const answer = await api.saveReport(
      report,
      report.screenshot ? screenshot?.dataUrl : undefined,
    );
    if (!answer.ok) return t('saveFailed', answer.error);
    const fresh = emptyDraft();
    setDraft(fresh);
    setScreenshot(null);
    setFormKey((k) => k + 1);
    setStatus(t('reportSaved'));
    await loadReports();
    return null;
  };

  const nameOf = (p: Placed): string => {
    if (p.target.reportId === undefined) return t('noteLabel', p.target.label);
    const report = reports.find((r) => r.id === p.target.reportId);
    return t('reportPinLabel', p.target.label, report?.summary ?? '');
  };

  const onOpenMark = (p: Placed) => {
    if (p.target.reportId !== undefined) {
      setOpenReport(p.target.reportId);
      setTimeout(
        () =>
          panel.current
            ?.querySelector<HTMLElement>('#snag-open-report')
            ?.focus(),
        0,
      );
    } else {
      const index =
        draft?.annotations.findIndex((a) => a.id === p.target.annotation.id) ??
        -1;
      if (index >= 0) focusNote(index);
    }
  };

  const vote = async (report: PageReport) => {
    const answer = await api.setVote(report.id, !report.votedByMe);
    if (!answer.ok) {
      setStatus(t('voteFailed', answer.error));
      return;
    }
    setReports((list) =>
      list.map((r) =>
        r.id === report.id
          ? { ...r, votedByMe: !report.votedByMe, votes: answer.value.votes }
          : r,
      ),
    );
  };

  const orphans = placed.filter((p) => p.anchored === null);
  const draftOrphans = orphans.filter((p) => p.target.reportId === undefined);
  const opened = reports.find((r) => r.id === openReport);

  const modeButton = (which: Mode, label: string, onClick: () => void) => (
    <button type="button" aria-pressed={mode === which} onClick={onClick}>
      {label}
    </button>
  );

  return (
    <div class="snag-root">
      <Marks doc={doc} placed={placed} nameOf={nameOf} onOpen={onOpenMark} />
      {mode === 'pin' && (
        <PinPicker
          doc={doc}
          host={host}
          onPick={pinElement}
          onCancel={() => {
            setMode('idle');
            setStatus(t('pinCancelled'));
          }}
        />
      )}
      {mode !== 'pin' && mode !== 'screenshot' && (
        <SelectionButton doc={doc} host={host} onSnag={snagRange} />
      )}
      {capture && (
        <ScreenshotEditor
          image={capture.image}
          size={capture.size}
          auto={capture.auto}
          pins={capture.pins}
          onCancel={closeCapture}
          onDone={(shot) => {
            setScreenshot(shot);
            const current = draftRef.current;
            closeCapture();
            setStatus(t('screenshotAdded'));
            if (!current) return;
            void commit(
              { ...current, screenshot: shot.info },
              shot.dataUrl,
            ).then((kept) => {
              if (!kept.ok) setStatus(t('screenshotNotKept', kept.error));
            });
          }}
        />
      )}
      <aside class="snag-panel" aria-labelledby="snag-title" ref={panel}>
        <div class="snag-head">
          <h2 id="snag-title">{t('extName')}</h2>
          <button type="button" class="link" onClick={props.onClose}>
            {t('annotatorClose')}
          </button>
        </div>
        <div role="toolbar" aria-label={t('annotatorTools')} class="snag-tools">
          {modeButton('pin', t('modePin'), () => {
            setStatus(t('pinInstructions'));
            setMode('pin');
          })}
          {modeButton('highlight', t('modeHighlight'), startHighlight)}
          {modeButton(
            'screenshot',
            t('modeScreenshot'),
            () => void takeScreenshot(),
          )}
        </div>
        <p role="status" class="status-line">
          {status}
        </p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}

        {opened && (
          <section
            id="snag-open-report"
            tabIndex={-1}
            class="snag-card"
            aria-labelledby="snag-open-report-heading"
          >
            <h3 id="snag-open-report-heading">
              {opened.mine ? t('yourReport') : t('colleagueReport')}
            </h3>
            <p>{opened.summary}</p>
            {opened.status && (
              <p class="meta">
                {msg(`status_${opened.status.replace(/-/g, '_')}`)}
              </p>
            )}
            <ol class="annotations">
              {opened.annotations.map((a) => (
                <li key={a.id}>
                  {quoteOf(a) && <q class="quote">{quoteOf(a)}</q>}
                  {a.note && <p>{a.note}</p>}
                </li>
              ))}
            </ol>
            {!opened.mine && (
              <button
                type="button"
                aria-pressed={Boolean(opened.votedByMe)}
                onClick={() => void vote(opened)}
              >
                {t('meToo')}
                {opened.votes !== undefined && ` (${opened.votes})`}
              </button>
            )}
            <button
              type="button"
              class="link"
              onClick={() => setOpenReport(null)}
            >
              {t('closeReport')}
            </button>
          </section>
        )}

        {(reports.length > 0 || draftOrphans.length > 0) && (
          <section aria-labelledby="snag-page-reports">
            <h3 id="snag-page-reports">{t('pageReportsHeading')}</h3>
            <ul class="snag-page-reports">
              {reports.map((r, i) => {
                const lost = orphans.filter((p) => p.target.reportId === r.id);
                return (
                  <li key={r.id}>
                    <button
                      type="button"
                      class="link"
                      onClick={() => setOpenReport(r.id)}
                    >
                      {t(
                        'reportPinLabel',
                        String.fromCharCode(65 + (i % 26)),
                        r.summary,
                      )}
                    </button>
                    {lost.map((p) => (
                      <p class="orphan" key={p.target.key}>
                        {t('orphanMessage')}
                        {quoteOf(p.target.annotation) && (
                          <>
                            {' '}
                            <q class="quote">{quoteOf(p.target.annotation)}</q>
                          </>
                        )}
                      </p>
                    ))}
                  </li>
                );
              })}
              {draftOrphans.map((p) => (
                <li key={p.target.key} class="orphan">
                  {t('noteLabel', p.target.label)}: {t('orphanMessage')}
                </li>
              ))}
            </ul>
          </section>
        )}

        {draft && context && (
          <section aria-labelledby="snag-new-report">
            <h3 id="snag-new-report">{t('newReportHeading')}</h3>
            <ReportForm
              key={formKey}
              initial={draft}
              build={build}
              onDraftChange={(d) => {
                // Keep the screenshot description only while its image is here to go with it.
                const next = screenshot ? d : { ...d, screenshot: undefined };
                draftRef.current = next;
                setDraft(next);
                void api.saveDraft(next);
              }}
              validate={validate}
              onSave={onSave}
            >
              {screenshot ? (
                <div class="snag-preview">
                  <canvas
                    ref={preview}
                    role="img"
                    aria-label={t('screenshotPreview')}
                  />
                  <button
                    type="button"
                    class="link"
                    onClick={() => {
                      setScreenshot(null);
                      const current = draftRef.current;
                      if (!current) return;
                      void commit({ ...current, screenshot: undefined }, null);
                    }}
                  >
                    {t('screenshotRemove')}
                  </button>
                </div>
              ) : null}
            </ReportForm>
          </section>
        )}
      </aside>
    </div>
  );
}
