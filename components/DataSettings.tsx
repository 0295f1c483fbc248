import { useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { eraseAll, exportAll, importAll, ImportError } from '@/utils/backup';
import { downloadJson } from '@/utils/download';
import { t } from '@/utils/i18n';
import { reportsChangedAtStorage } from '@/utils/settings';

/** A message for the user: news in a status line, or a problem in an alert. */
function useOutcome() {
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const report = (message: string, isError = false) => {
    setStatus(isError ? '' : message);
    setError(isError ? message : '');
  };
  return { status, error, report };
}

/** Erase everything, behind a confirmation that takes the focus and gives it back. */
function EraseAll({ onDone }: { onDone: (message: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const eraseButton = useRef<HTMLButtonElement>(null);

  const onErase = async () => {
    await eraseAll();
    await browser.storage.local.clear();
    setConfirming(false);
    onDone(t('eraseDone'));
    eraseButton.current?.focus();
  };

  if (!confirming) {
    return (
      <button
        type="button"
        class="danger"
        ref={eraseButton}
        onClick={() => setConfirming(true)}
      >
        {t('eraseAll')}
      </button>
    );
  }
  return (
    <div
      role="alertdialog"
      aria-labelledby="erase-heading"
      aria-describedby="erase-text"
      class="warning"
    >
      <h3 id="erase-heading">{t('eraseConfirmHeading')}</h3>
      <p id="erase-text">{t('eraseConfirmText')}</p>
      <button
        type="button"
        class="danger"
        autoFocus
        onClick={() => void onErase()}
      >
        {t('eraseConfirm')}
      </button>
      <button type="button" onClick={() => setConfirming(false)}>
        {t('cancel')}
      </button>
    </div>
  );
}

/** Export, import and erase of everything on this device. */
export default function DataSettings() {
  const { status, error, report } = useOutcome();
  const fileInput = useRef<HTMLInputElement>(null);

  const onExport = async () => {
    const file = await exportAll();
    downloadJson(`snag-export-${file.exportedAt.slice(0, 10)}.json`, file);
    report(t('exportDone', String(file.reports.length)));
  };

  const onImport = async () => {
    const file = fileInput.current?.files?.[0];
    if (!file) return;
    try {
      const result = await importAll(await file.text());
      report(
        t(
          'importDone',
          String(result.added),
          String(result.updated),
          String(result.unchanged),
        ),
      );
      await reportsChangedAtStorage.setValue(Date.now());
    } catch (e) {
      report(e instanceof ImportError ? e.message : t('importFailed'), true);
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading">{t('dataHeading')}</h2>
      <p>{t('dataIntro')}</p>
      <button type="button" onClick={() => void onExport()}>
        {t('exportAll')}
      </button>
      <label class="block" for="import-file">
        {t('importLabel')}
      </label>
      <input
        id="import-file"
        type="file"
        accept="application/json,.json"
        ref={fileInput}
        onChange={() => void onImport()}
      />
      <div class="danger-zone">
        <EraseAll onDone={(message) => report(message)} />
      </div>
      <p role="status">{status}</p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}
