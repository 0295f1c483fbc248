import ProfileSettings from '@/components/ProfileSettings';
import DataSettings from '@/components/DataSettings';
import ServerSettings from '@/components/ServerSettings';
import CouncilSites from '@/components/CouncilSites';
import EmailSettings from '@/components/EmailSettings';
import { t } from '@/utils/i18n';

/** The options page: the shared server, who you are, URL cleaning, email, and your data. */
export default function App() {
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <ServerSettings />
      <ProfileSettings />
      <EmailSettings />
      <CouncilSites />
      <DataSettings />
    </main>
  );
}
