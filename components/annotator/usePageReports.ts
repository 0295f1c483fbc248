/**
 * The reports already on the page (the user's and colleagues'), and the user's "me too" on
 * a colleague's report, with an explicit undo.
 */
import { useState } from 'preact/hooks';
import type { PageReport } from '@/utils/messaging';
import { t } from '@/utils/i18n';
import type { AnnotatorApi } from './api';

/** The page's reports and the vote on them; `say` reports a failure in words. */
export function usePageReports(api: AnnotatorApi, say: (s: string) => void) {
  const [reports, setReports] = useState<PageReport[]>([]);

  const loadReports = async () => {
    const answer = await api.reportsForPage();
    setReports(answer.ok ? answer.value : []);
  };

  /** Sets the user's vote on `report` to `on`; pressing again never silently undoes it. */
  const vote = async (report: PageReport, on: boolean) => {
    if (Boolean(report.votedByMe) === on) return;
    const answer = await api.setVote(report.id, on);
    if (!answer.ok) {
      say(t('voteFailed', answer.error));
      return;
    }
    setReports((list) =>
      list.map((r) =>
        r.id === report.id
          ? { ...r, votedByMe: on, votes: answer.value.votes }
          : r,
      ),
    );
    say(on ? t('voteAdded') : t('voteRemoved'));
  };

  return { reports, loadReports, vote };
}
