import { t } from '@/utils/i18n';
import type { FrameToLayer, LayerToFrame } from '@/utils/frame-link';
import type { AnnotatorApi } from './api';
import Composer from './Composer';
import PageReports from './PageReports';
import PanelTools from './PanelTools';
import ReportCard from './ReportCard';
import ScreenshotEditor from './ScreenshotEditor';
import { showReport, usePanel } from './usePanel';

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
  const p = usePanel(props);
  const { d, pr, shots, opened, setStatus } = p;
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
      <main class="snag-panel" aria-labelledby="snag-title" ref={p.panel}>
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
        <PanelTools
          mode={p.mode}
          onPin={() => {
            setStatus(t('pinInstructions'));
            p.setMode('pin');
            send({ type: 'mode', mode: 'pin' });
          }}
          onHighlight={() => send({ type: 'useSelection' })}
          onScreenshot={() => void shots.take()}
        />
        <p role="status" class="status-line">
          {p.status}
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
            onShow={() => showReport(send, opened)}
            onClose={() => p.setOpenId(null)}
          />
        )}
        <PageReports
          reports={pr.reports}
          draftNotes={d.draft?.annotations ?? []}
          found={p.found}
          onOpen={p.setOpenId}
        />
        <Composer
          api={api}
          d={d}
          onSaved={async () => {
            setStatus(t('reportSaved'));
            await pr.loadReports();
          }}
        />
      </main>
    </div>
  );
}
