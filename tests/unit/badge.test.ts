import { describe, expect, it } from 'vitest';
import { badgeText } from '@/entrypoints/background/badge';
import { saveReport } from '@/utils/reports';
import { badgeModeStorage, serverUrlStorage } from '@/utils/settings';
import { sampleReport } from './fixtures';

describe('toolbar badge', () => {
  it('is blank until a server is connected, then counts unsent reports', async () => {
    await saveReport(sampleReport());
    await saveReport(sampleReport());
    expect(await badgeText()).toBe('');
    await serverUrlStorage.setValue('https://snag.council.example');
    expect(await badgeText()).toBe('2');
  });

  it('can count the user’s reports on the page in the active tab instead', async () => {
    await badgeModeStorage.setValue('page');
    const report = sampleReport();
    await saveReport(report);
    await saveReport(
      sampleReport({
        page: {
          url: 'https://other.example/',
          title: 'Other',
          service: 'other.example',
        },
      }),
    );
    expect(await badgeText(`${report.page.url}?ref=email#top`)).toBe('1');
    expect(await badgeText('https://nowhere.example/')).toBe('');
    expect(await badgeText(undefined)).toBe('');
  });
});
