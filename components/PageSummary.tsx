import type { Page } from '@/protocol/report';
import { t } from '@/utils/i18n';

/** Props of the summary of the page being reported. */
export interface PageSummaryProps {
  /** The page, cleaned, or null when the tab is not a web page. */
  page: Page | null;
  /** True until the tab has been read. */
  loading: boolean;
}

/** Shows the page a report would be about: title, cleaned URL and service. */
export default function PageSummary(props: PageSummaryProps) {
  if (props.loading) return <p class="page-summary">{t('loading')}</p>;
  if (!props.page) return <p class="page-summary">{t('pageNotReportable')}</p>;
  const { page } = props;
  return (
    <dl class="page-summary">
      <dt>{t('pageTitle')}</dt>
      <dd>{page.title || t('untitledPage')}</dd>
      <dt>{t('pageAddress')}</dt>
      <dd class="url">{page.url}</dd>
      <dt>{t('pageService')}</dt>
      <dd>{page.service}</dd>
    </dl>
  );
}
