import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import {
  PICKER_GLOBAL,
  type PickerScope,
} from '@/components/annotator/picker-tools';
import { pickerTools } from '@/components/annotator/tools';
import pickerCss from '@/components/annotator/picker.css?inline';

/**
 * The element picker, "Snag this" and the describer, for the page's layer
 * (`entrypoints/annotator/`). The worker injects this script into the layer's frame, in the
 * extension's isolated world, when the layer first needs them; it leaves them, with their
 * stylesheet, where the layer looks for them.
 */
export default defineUnlistedScript({
  main: () => {
    (globalThis as PickerScope)[PICKER_GLOBAL] = {
      ...pickerTools,
      css: pickerCss,
    };
  },
});
