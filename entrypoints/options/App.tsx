import ProfileSettings from '@/components/ProfileSettings';
import DataSettings from '@/components/DataSettings';
import { t } from '@/utils/i18n';

/** The options page: who you are, URL cleaning, and your data. */
export default function App() {
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <ProfileSettings />
      <DataSettings />
    </main>
  );
}
