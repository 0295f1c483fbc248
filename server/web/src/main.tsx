/**
 * Entry point of the review dashboard: loads the styles, wires in-app link handling and
 * mounts the app.
 */
import { render } from 'preact';
import 'govuk-frontend/dist/govuk/govuk-frontend.min.css';
import './styles.css';
import { paths } from '../../../protocol/api';
import { authPaths } from '../../../protocol/auth';
import { listQueryForLocation, listRequestPath } from './filters';
import { prefetch } from './prefetch';
import { interceptLinks } from './router';
import App from './components/App';

const root = document.getElementById('app');
if (root) {
  // Everything the first screen needs is asked for at once, before the first render.
  prefetch(paths.session);
  prefetch(paths.config);
  prefetch(authPaths.methods);
  const list = listQueryForLocation(location.pathname, location.search);
  if (list) prefetch(listRequestPath(list));
  interceptLinks();
  render(<App />, root);
}
