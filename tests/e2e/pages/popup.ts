// Page object for the toolbar popup, found by role and accessible name as a user would.
import type { Locator, Page } from 'playwright-core';

/** Drives the popup page. */
export class PopupPage {
  constructor(readonly page: Page) {}

  get reportButton(): Locator {
    return this.page.getByRole('button', { name: 'Report this page' });
  }

  get reports(): Locator {
    return this.page.getByRole('list', { name: 'Your reports' });
  }

  /** Starts a report and answers the questions; does not save. */
  async fillReport(answers: {
    trying: string;
    whatHappened: string;
    insecure?: boolean;
  }) {
    if (await this.reportButton.isVisible()) await this.reportButton.click();
    await this.page.getByRole('checkbox', { name: 'Hard to use' }).check();
    if (answers.insecure) {
      await this.page
        .getByRole('checkbox', {
          name: 'Pushes people into an insecure workaround',
        })
        .check();
    }
    await this.page
      .getByLabel('What were you trying to do?')
      .fill(answers.trying);
    await this.page
      .getByLabel('What got in the way?')
      .fill(answers.whatHappened);
  }

  async save() {
    await this.page.getByRole('button', { name: 'Save report' }).click();
  }
}
