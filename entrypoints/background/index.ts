import { defineBackground } from 'wxt/utils/define-background';
import { setupContextMenu } from './context-menu';
import { setupPopupMessages } from './popup-messages';
import { setupBadge } from './badge';
import { setupSync } from './sync';
import { setupAnnotator } from './annotator';
import { setupCouncilSites } from './council-sites';
import { setupCapture } from './capture';
import { setupManagedSettingsCopy } from '@/utils/managed-settings';

export default defineBackground({
  type: 'module',
  main() {
    setupManagedSettingsCopy();
    setupContextMenu();
    setupPopupMessages();
    setupBadge();
    setupSync();
    setupAnnotator();
    setupCouncilSites();
    setupCapture();
  },
});
