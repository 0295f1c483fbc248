import { setupContextMenu } from './context-menu';
import { setupMessages } from './messages';
import { setupBadge } from './badge';
import { setupSync } from './sync';
import { setupAnnotator } from './annotator';

export default defineBackground({
  type: 'module',
  main() {
    setupContextMenu();
    setupMessages();
    setupBadge();
    setupSync();
    setupAnnotator();
  },
});
