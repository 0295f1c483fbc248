/**
 * The server's own personal-data check (issue: "Need to know"): the same `findPersonalData`
 * the extension runs before saving, over the same text, so a report that slipped past the
 * reporter's confirmation is still marked and kept from colleagues.
 */
import { findPersonalData } from '../../protocol/personal-data';
import type { PersonalDataState, ReportInput } from '../../protocol/report';

/** Every piece of free text a report carries: what was tried and happened, title, notes, quotes. */
export function reportTexts(input: ReportInput): string[] {
  const texts = [input.trying, input.whatHappened, input.page.title];
  for (const annotation of input.annotations) {
    texts.push(annotation.note);
    for (const selector of annotation.selectors) {
      if (selector.type !== 'TextQuoteSelector') continue;
      texts.push(selector.exact, selector.prefix ?? '', selector.suffix ?? '');
    }
  }
  return texts;
}

/** `flagged` when any of the report's text holds a personal identifier, else null. */
export function personalDataFlag(input: ReportInput): PersonalDataState | null {
  return reportTexts(input).some((text) => findPersonalData(text).length > 0)
    ? 'flagged'
    : null;
}
