import { setupContextMenu } from './context-menu';
import { setupMessages } from './messages';
import { setupBadge } from './badge';

export default defineBackground({
  type: 'module',
  main() {
    setupContextMenu();
    setupMessages();
    setupBadge();
  },
});
