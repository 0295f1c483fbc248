import { useEffect, useRef, useState } from 'preact/hooks';
import type { Annotation, ReportInput } from '@/protocol/report';
import ReportForm from '@/components/ReportForm';
import { draftToReport } from '@/utils/report-draft';
import { t } from '@/utils/i18n';
import { newItemId } from '@/utils/ids';
import type {
  FrameToLayer,
  LayerMode,
  LayerToFrame,
  MarkFound,
} from '@/utils/frame-link';
import { MAX_ANNOTATIONS } from '@/protocol/constants';
import type { FieldErrors } from '@/utils/report-validation';
import type { AnnotatorApi } from './api';
import { draftKey, markSpecs, reportKey } from './labels';
import PageReports from './PageReports';
import ReportCard from './ReportCard';
import ScreenshotPreview from './ScreenshotPreview';
import ScreenshotEditor from './ScreenshotEditor';
import { useCapture } from './useCapture';
import { useDraft } from './useDraft';
import { usePageReports } from './usePageReports';

/** Props of Snag's panel, shown in its frame over the page. */
export interface PanelProps {
  /** Talks to the background. Injected: tests pass their own. */
  api: AnnotatorApi;
  /** Sends to the page's inert layer. */
  send: (message: FrameToLayer) => void;
  /** Subscribes to the layer's messages; answers an unsubscribe. */
  listen: (onMessage: (message: LayerToFrame) => void) => () => void;
  /** Names this frame's draft writes. */
  source: string;
  /** A report to open first (a `#snag=<id>` link). */
  linkedReport?: string | null;
}

/**
 * The annotator's panel: the tools (pin an element, highlight text, take a screenshot), the
 * reports on the page, an opened report with "me too", and the composer, which is the
 * popup's own report form. It lives in an extension frame: the page cannot read or drive it.
 */
export default function Panel(props: PanelProps) {
  const { api, send } = props;
  const [status, setStatus] = useState('');
  const [mode, setMode] = useState<LayerMode | 'screenshot'>('idle');
  const [found, setFound] = useState<Record<string, MarkFound>>({});
  const [openId, setOpenId] = useState<string | null>(
    props.linkedReport ?? null,
  );
  const d = useDraft(api, props.source);
  const pr = usePageReports(api, setStatus);
  const shots = useCapture(api, setStatus, (on) =>
    send({ type: 'expand', expanded: on }),
  );
  const panel = useRef<HTMLElement>(null);
  const [focusNote, setFocusNote] = useState<number | null>(null);

  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('.snag-tools button')?.focus();
    void d.load().then(pr.loadReports);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the frame opens
  }, []);

  // The layer draws what the draft and the page's reports hold: numbers and selectors only.
  useEffect(() => {
    send({
      type: 'marks',
      marks: markSpecs(d.draft?.annotations ?? [], pr.reports),
    });
  }, [d.draft?.annotations, pr.reports, send]);

  // Focus follows a new note once the form shows its field (the form adds it a render
  // later): watch the panel for the field rather than poll for it.
  useEffect(() => {
    const root = panel.current;
    if (focusNote === null || !root) return;
    const tryFocus = () => {
      const field = root.querySelectorAll<HTMLTextAreaElement>(
        'ol.annotations textarea',
      )[focusNote];
      if (!field) return false;
      field.focus();
      setFocusNote(null);
      return true;
    };
    if (tryFocus()) return;
    const watcher = new MutationObserver(() => {
      if (tryFocus()) watcher.disconnect();
    });
    watcher.observe(root, { childList: true, subtree: true });
    return () => watcher.disconnect();
  }, [focusNote]);

  const opened = pr.reports.find((r) => r.id === openId);
  useEffect(() => {
    if (!opened) return;
    panel.current?.querySelector<HTMLElement>('#snag-open-report')?.focus();
    const first = opened.annotations[0];
    if (props.linkedReport === opened.id && first)
      send({ type: 'scrollTo', key: reportKey(opened.id, first) });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- when another report opens
  }, [opened?.id]);

  const addAnnotation = (
    kind: Annotation['kind'],
    selectors: Annotation['selectors'],
  ) => {
    const current = d.current();
    if (current.annotations.length >= MAX_ANNOTATIONS) {
      setStatus(t('annotationLimit', String(MAX_ANNOTATIONS)));
      return;
    }
    const annotation = { id: newItemId(), kind, note: '', selectors };
    const next = {
      ...current,
      annotations: [...current.annotations, annotation],
    };
    void d.commit(next);
    setMode('idle');
    setStatus(t('annotationAdded', String(next.annotations.length)));
    setFocusNote(next.annotations.length - 1);
  };

  useEffect(
    () =>
      props.listen((m) => {
        if (m.type === 'annotate') addAnnotation(m.kind, m.selectors);
        else if (m.type === 'mode') {
          setMode(m.mode);
          if (m.mode === 'idle') setStatus(t('pinCancelled'));
        } else if (m.type === 'placed') setFound(m.found);
        else if (m.type === 'noSelection') {
          setMode('highlight');
          send({ type: 'mode', mode: 'highlight' });
          setStatus(t('highlightInstructions'));
        } else if (m.type === 'open') {
          const [id] = m.key.split(':');
          if (id === 'draft') {
            const i = d.draftRef.current?.annotations.findIndex(
              (a) => draftKey(a) === m.key,
            );
            if (i !== undefined && i >= 0) setFocusNote(i);
          } else if (id) setOpenId(id);
        } else if (m.type === 'navigated') void d.load().then(pr.loadReports);
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one subscription; handlers read refs
    [],
  );

  const build = (draft: Parameters<typeof draftToReport>[0]): ReportInput =>
    draftToReport(draft, d.context!.page, d.context!.environment);

  const validate = async (report: ReportInput): Promise<FieldErrors | null> => {
    const answer = await api.validateReport(report);
    return answer.ok ? answer.value : { form: t('saveFailed', answer.error) };
  };

  const onSave = async (report: ReportInput): Promise<string | null> => {
    const answer = await api.saveReport(
      report,
      report.screenshot ? d.screenshot?.dataUrl : undefined,
    );
    if (!answer.ok) return t('saveFailed', answer.error);
    d.clear();
    setStatus(t('reportSaved'));
    await pr.loadReports();
    return null;
  };

  const tool = (which: typeof mode, label: string, onClick: () => void) => (
    <button
      type="button"
      aria-pressed={mode === which}
      // Only the user's own press acts; nothing else can reach this frame, but say so.
      onClick={(e) => e.isTrusted && onClick()}
    >
      {label}
    </button>
  );

  return (
    <div class="snag-root">
      {shots.capture && (
        <ScreenshotEditor
          image={shots.capture.image}
          size={shots.capture.size}
          auto={shots.capture.auto}
          pins={[]}
          onCancel={shots.close}
          onDone={(shot) => {
            shots.close();
            setStatus(t('screenshotAdded'));
            void d.attach(shot).then((kept) => {
              if (!kept.ok) setStatus(t('screenshotNotKept', kept.error));
            });
          }}
        />
      )}
      <main class="snag-panel" aria-labelledby="snag-title" ref={panel}>
        <div class="snag-head">
          <h1 id="snag-title">{t('extName')}</h1>
          <button
            type="button"
            class="link"
            onClick={() => send({ type: 'close' })}
          >
            {t('annotatorClose')}
          </button>
        </div>
        <div role="toolbar" aria-label={t('annotatorTools')} class="snag-tools">
          {tool('pin', t('modePin'), () => {
            setStatus(t('pinInstructions'));
            setMode('pin');
            send({ type: 'mode', mode: 'pin' });
          })}
          {tool('highlight', t('modeHighlight'), () =>
            send({ type: 'useSelection' }),
          )}
          {tool('screenshot', t('modeScreenshot'), () => void shots.take())}
        </div>
        <p role="status" class="status-line">
          {status}
        </p>
        {d.error && (
          <p class="error" role="alert">
            {d.error}
          </p>
        )}
        {opened && (
          <ReportCard
            report={opened}
            onVote={(on) => void pr.vote(opened, on)}
            onShow={() => {
              const first = opened.annotations[0];
              if (first)
                send({ type: 'scrollTo', key: reportKey(opened.id, first) });
            }}
            onClose={() => setOpenId(null)}
          />
        )}
        <PageReports
          reports={pr.reports}
          draftNotes={d.draft?.annotations ?? []}
          found={found}
          onOpen={setOpenId}
        />
        {d.context && !d.draft && (
          <button
            type="button"
            class="primary"
            onClick={() => void d.commit(d.current())}
          >
            {t('newReport')}
          </button>
        )}
        {d.draft && d.context && (
          <section aria-labelledby="snag-new-report">
            <h2 id="snag-new-report">{t('newReportHeading')}</h2>
            <ReportForm
              key={d.formKey}
              initial={d.draft}
              build={build}
              onDraftChange={d.onFormChange}
              validate={validate}
              onSave={onSave}
            >
              {d.screenshot ? (
                <ScreenshotPreview shot={d.screenshot} onRemove={d.detach} />
              ) : null}
            </ReportForm>
          </section>
        )}
      </main>
    </div>
  );
}
