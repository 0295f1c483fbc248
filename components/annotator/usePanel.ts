/**
 * The state of Snag's panel: what it says, the tool in use, the page's draft and reports, the
 * screenshot being edited and the report opened, kept in step with the page's layer.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FrameToLayer, LayerMode, MarkFound } from '@/utils/frame-link';
import type { PageReport } from '@/utils/messaging';
import { reportKey } from './labels';
import type { PanelProps } from './Panel';
import { useCapture } from './useCapture';
import { useDraft } from './useDraft';
import { useLayerLink } from './useLayerLink';
import { usePageReports } from './usePageReports';

/** What the panel is doing: picking in the page, or taking a screenshot. */
export type PanelMode = LayerMode | 'screenshot';

type PanelRef = { readonly current: HTMLElement | null };

/** Brings a report's first mark into view. */
export function showReport(
  send: (message: FrameToLayer) => void,
  report: PageReport,
) {
  const first = report.annotations[0];
  if (first) send({ type: 'scrollTo', key: reportKey(report.id, first) });
}

/** Focus for the draft's note at an index, once its field shows; answers the setter. */
function useFocusNote(panel: PanelRef) {
  const [focusNote, setFocusNote] = useState<number | null>(null);
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
  }, [focusNote, panel]);
  return setFocusNote;
}

/** Focuses a report as it opens, and brings it into view if a link opened it. */
function useOpenedReport(
  panel: PanelRef,
  opened: PageReport | undefined,
  props: PanelProps,
) {
  useEffect(() => {
    if (!opened) return;
    panel.current?.querySelector<HTMLElement>('#snag-open-report')?.focus();
    if (props.linkedReport === opened.id) showReport(props.send, opened);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- when another report opens
  }, [opened?.id]);
}

/** The panel's state, read when the frame opens and kept in step with the page's layer. */
export function usePanel(props: PanelProps) {
  const { api, send } = props;
  const [status, setStatus] = useState('');
  const [mode, setMode] = useState<PanelMode>('idle');
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
  const setFocusNote = useFocusNote(panel);

  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('.snag-tools button')?.focus();
    void d.load().then(pr.loadReports);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the frame opens
  }, []);

  useLayerLink(props, d, pr, {
    setStatus,
    setMode,
    setFound,
    setOpenId,
    setFocusNote,
  });

  const opened = pr.reports.find((r) => r.id === openId);
  useOpenedReport(panel, opened, props);

  return {
    status,
    setStatus,
    mode,
    setMode,
    found,
    setOpenId,
    d,
    pr,
    shots,
    panel,
    opened,
  };
}
