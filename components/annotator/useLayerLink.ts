/**
 * The panel's side of its link with the page's layer: the marks the layer draws, and what the
 * layer tells the panel.
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Annotation } from '@/protocol/report';
import { MAX_ANNOTATIONS } from '@/protocol/constants';
import type { MarkFound } from '@/utils/frame-link';
import type { PageReport } from '@/utils/messaging';
import { t } from '@/utils/i18n';
import { newItemId } from '@/utils/ids';
import { AnchoringReporter } from './anchoring-report';
import type { AnnotatorApi } from './api';
import { draftKey, markSpecs } from './labels';
import type { PanelProps } from './Panel';
import type { PanelMode } from './usePanel';
import type { useDraft } from './useDraft';
import type { usePageReports } from './usePageReports';

/** What the layer's messages change in the panel. */
export interface LayerLinkActions {
  setStatus: (status: string) => void;
  setMode: (mode: PanelMode) => void;
  setFound: (found: Record<string, MarkFound>) => void;
  setOpenId: (id: string) => void;
  /** Moves focus to the draft's note at an index. */
  setFocusNote: (index: number) => void;
}

/**
 * How saved reports' notes were found, sent to the server once settled; only for reports it
 * has (a colleague's came from it; ours once sent, which is when it has a status).
 */
function useAnchoringReport(api: AnnotatorApi, current: PageReport[]) {
  const reports = useRef(current);
  reports.current = current;
  return useMemo(() => {
    const reporter = new AnchoringReporter((id, notes) => {
      void api.recordAnchoring(id, notes).catch(() => undefined);
    });
    const sendable = (id: string) =>
      reports.current.some((r) => r.id === id && (!r.mine || r.status));
    return {
      placed: (found: Record<string, MarkFound>) =>
        reporter.placed(found, sendable),
      newVisit: () => reporter.newVisit(),
      stop: () => reporter.stop(),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one per frame
  }, []);
}

/**
 * Sends the layer the marks of the draft `d` and the page's reports `pr`, and acts on the
 * layer's messages: a note to add, a mode left, marks found or opened, a change of address.
 */
export function useLayerLink(
  props: PanelProps,
  d: ReturnType<typeof useDraft>,
  pr: ReturnType<typeof usePageReports>,
  ui: LayerLinkActions,
) {
  const { send } = props;
  // The layer draws what the draft and the page's reports hold: numbers and selectors only.
  useEffect(() => {
    send({
      type: 'marks',
      marks: markSpecs(d.draft?.annotations ?? [], pr.reports),
    });
  }, [d.draft?.annotations, pr.reports, send]);

  const addAnnotation = (
    kind: Annotation['kind'],
    selectors: Annotation['selectors'],
  ) => {
    const current = d.current();
    if (current.annotations.length >= MAX_ANNOTATIONS) {
      ui.setStatus(t('annotationLimit', String(MAX_ANNOTATIONS)));
      return;
    }
    const annotation = { id: newItemId(), kind, note: '', selectors };
    const next = {
      ...current,
      annotations: [...current.annotations, annotation],
    };
    void d.commit(next);
    ui.setMode('idle');
    ui.setStatus(t('annotationAdded', String(next.annotations.length)));
    ui.setFocusNote(next.annotations.length - 1);
  };

  const anchoring = useAnchoringReport(props.api, pr.reports);

  useEffect(() => {
    const stop = props.listen((m) => {
      if (m.type === 'annotate') addAnnotation(m.kind, m.selectors);
      else if (m.type === 'mode') {
        ui.setMode(m.mode);
        if (m.mode === 'idle') ui.setStatus(t('pinCancelled'));
      } else if (m.type === 'placed') {
        ui.setFound(m.found);
        anchoring.placed(m.found);
      } else if (m.type === 'noSelection') {
        ui.setMode('highlight');
        send({ type: 'mode', mode: 'highlight' });
        ui.setStatus(t('highlightInstructions'));
      } else if (m.type === 'open') {
        const [id] = m.key.split(':');
        if (id === 'draft') {
          const i = d.draftRef.current?.annotations.findIndex(
            (a) => draftKey(a) === m.key,
          );
          if (i !== undefined && i >= 0) ui.setFocusNote(i);
        } else if (id) ui.setOpenId(id);
      } else if (m.type === 'navigated') {
        anchoring.newVisit();
        void d.load().then(pr.loadReports);
      }
    });
    return () => {
      stop();
      anchoring.stop();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one subscription; handlers read refs
  }, []);
}
