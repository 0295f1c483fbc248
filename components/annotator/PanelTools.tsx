import { t } from '@/utils/i18n';
import type { PanelMode } from './usePanel';

/** Props of the panel's tools. */
export interface PanelToolsProps {
  /** What the panel is doing: that tool shows as pressed. */
  mode: PanelMode;
  onPin: () => void;
  onHighlight: () => void;
  onScreenshot: () => void;
}

/** The panel's tools: pin an element, highlight text, take a screenshot. */
export default function PanelTools(props: PanelToolsProps) {
  const tool = (which: PanelMode, label: string, onClick: () => void) => (
    <button
      type="button"
      aria-pressed={props.mode === which}
      // Only the user's own press acts; nothing else can reach this frame, but say so.
      onClick={(e) => e.isTrusted && onClick()}
    >
      {label}
    </button>
  );
  return (
    <div role="toolbar" aria-label={t('annotatorTools')} class="snag-tools">
      {tool('pin', t('modePin'), props.onPin)}
      {tool('highlight', t('modeHighlight'), props.onHighlight)}
      {tool('screenshot', t('modeScreenshot'), props.onScreenshot)}
    </div>
  );
}
