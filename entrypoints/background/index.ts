import { setupContextMenu } from './context-menu';
import { setupMessages } from './messages';
import { setupBadge } from './badge';
import { setupSync } from './sync';
import { setupAnnotator } from './annotator';
import { setupCouncilSites } from './council-sites';

export default defineBackground({
  type: 'module',
  main() {
    setupContextMenu();
    setupMessages();
    setupBadge();
    setupSync();
    setupAnnotator();
    setupCouncilSites();
  },
});
