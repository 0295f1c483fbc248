// Page object for the options page.
import type { Page } from 'playwright-core';

/** Drives the options page by labels. */
export class OptionsPage {
  constructor(readonly page: Page) {}

  /** Connects to a server and waits for the outcome, which it answers in words. */
  async connect(serverUrl: string, token: string): Promise<string> {
    await this.page.getByLabel('Server address').fill(serverUrl);
    await this.page.getByLabel('Access token').fill(token);
    await this.page.getByRole('button', { name: 'Connect' }).click();
    // Success is announced in the status line, failure in an alert.
    const outcome = this.page
      .getByRole('alert')
      .or(this.page.getByRole('status').filter({ hasText: 'Connected as' }));
    await outcome.first().waitFor();
    return (await outcome.first().textContent()) ?? '';
  }
}
