/**
 * The in-page script's tools: the picker's script, which the worker injects into this frame
 * when the layer first asks (`PickerScriptRequest`), leaves them on the isolated world's
 * global. Until then the page runs none of their code.
 */
import { browser } from 'wxt/browser';
import type { PickerScriptRequest } from '@/utils/frame-link';
import {
  PICKER_GLOBAL,
  type PickerScope,
  type PickerTools,
  type ToolBox,
} from './picker-tools';

/**
 * Tools loaded on first use; a failed load is tried again on the next use. `onLoad` is given
 * them once, when this box first finds them (loaded now, or by an earlier injection).
 */
export function loadedTools(
  onLoad: (tools: PickerTools) => void,
  scope = globalThis as PickerScope,
): ToolBox {
  let loading: Promise<PickerTools> | null = null;
  let given: PickerTools | null = null;
  const now = () => {
    const tools = scope[PICKER_GLOBAL] ?? null;
    if (tools && tools !== given) onLoad((given = tools));
    return tools;
  };
  const request = async () => {
    const ask: PickerScriptRequest = { type: 'snagPickerScript' };
    // Answered once the script has run in this frame.
    await browser.runtime.sendMessage(ask);
    const tools = now();
    if (!tools) throw new Error('No picker');
    return tools;
  };
  return {
    now,
    use(use, failed = () => undefined) {
      const here = now();
      if (here) return use(here);
      loading ??= request().catch((error: unknown) => {
        loading = null;
        console.warn('Snag’s picker did not load', error);
        throw error;
      });
      loading.then(use, failed);
    },
  };
}
