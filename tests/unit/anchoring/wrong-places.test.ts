// @vitest-environment jsdom
// Mutation cases on the form pages and the Wikipedia page that anchoring once answered with
// the wrong place. Each must now be found where the text really is, or orphaned.
import { describe, expect, it } from 'vitest';
import {
  MUTATION_PAGES,
  pristineBody,
  runCase,
  type MutationCase,
  type Outcome,
} from './mutation-kit';

interface Known {
  what: string;
  page: keyof typeof MUTATION_PAGES;
  c: MutationCase;
  /** 'right' where the text is still there to find, else what the rules make of it. */
  want: Outcome;
}

const KNOWN: Known[] = [
  {
    what: 'a moved row’s heading is not the heading that took its place with one word changed',
    page: 'govuk-council-tax',
    c: {
      block: 1665588780,
      firstWord: 633757092,
      words: 3,
      mutation: 'move-section',
      pin: false,
      pick: 2147483630,
    },
    want: 'orphan',
  },
  {
    what: 'words highlighted in a moved row’s heading are not the same words in the heading that took its place',
    page: 'govuk-permit',
    c: {
      block: 962322366,
      firstWord: 1403318662,
      words: 2,
      mutation: 'move-section',
      pin: false,
      pick: 228298486,
    },
    want: 'orphan',
  },
  {
    what: 'a pinned heading whose row moved is not the near-copy left in its place',
    page: 'govuk-permit',
    c: {
      block: 1205997709,
      firstWord: 796000073,
      words: 7,
      mutation: 'move-section',
      pin: true,
      pick: 1997693323,
    },
    want: 'right',
  },
  {
    what: 'a pinned cell whose row moved is not the same words in the row that took its place',
    page: 'govuk-report-bins',
    c: {
      block: 1283258640,
      firstWord: 30,
      words: 5,
      mutation: 'move-section',
      pin: true,
      pick: 2147483633,
    },
    want: 'orphan',
  },
  {
    what: 'a deleted hint is not its sibling hint with another number of months',
    page: 'govuk-permit',
    c: {
      block: 22,
      firstWord: 1237061554,
      words: 11,
      mutation: 'delete-block',
      pin: false,
      pick: 5577519,
    },
    want: 'orphan',
  },
  {
    what: 'a deleted label’s words are not the same words in a table cell',
    page: 'govuk-report-bins',
    c: {
      block: 736278164,
      firstWord: 518707693,
      words: 2,
      mutation: 'delete-block',
      pin: false,
      pick: 858517462,
    },
    want: 'orphan',
  },
  {
    what: 'words cut out of their label are not the same words in a table cell',
    page: 'govuk-report-bins',
    c: {
      block: 807246932,
      firstWord: 2147483617,
      words: 2,
      mutation: 'delete-quote',
      pin: false,
      pick: 2147483620,
    },
    want: 'orphan',
  },
  {
    what: 'words cut out of an error summary link are not the field’s error message',
    page: 'govuk-permit',
    c: {
      block: 240255710,
      firstWord: 703046177,
      words: 2,
      mutation: 'delete-quote',
      pin: false,
      pick: 158237608,
    },
    want: 'orphan',
  },
  {
    what: 'a footer link whose neighbours went is not the link that took its place',
    page: 'wikipedia',
    c: {
      block: 160291992,
      firstWord: 2019214997,
      words: 2,
      mutation: 'siblings-removed',
      pin: false,
      pick: 731539389,
    },
    want: 'orphan',
  },
  {
    what: 'a moved table row’s heading is not the heading that took its place',
    page: 'govuk-permit',
    c: {
      block: 654897402,
      firstWord: 1802972412,
      words: 9,
      mutation: 'move-section',
      pin: false,
      pick: 791837956,
    },
    want: 'right',
  },
  {
    what: 'a moved row’s cell is not the same text in the row that took its place',
    page: 'govuk-report-bins',
    c: {
      block: 2147483625,
      firstWord: 776058577,
      words: 3,
      mutation: 'move-section',
      pin: false,
      pick: 593603957,
    },
    want: 'orphan',
  },
  {
    what: 'a changed last word is taken whole',
    page: 'govuk-council-tax',
    c: {
      block: 2147483627,
      firstWord: 0,
      words: 2,
      mutation: 'change-word',
      pin: false,
      pick: 2147483619,
    },
    want: 'right',
  },
  {
    what: 'a changed word inside the quote is taken whole',
    page: 'govuk-council-tax',
    c: {
      block: 2122910974,
      firstWord: 757597338,
      words: 2,
      mutation: 'change-word',
      pin: false,
      pick: 23,
    },
    want: 'right',
  },
  {
    what: 'an edited error message is found whole, though the summary keeps its old words',
    page: 'govuk-permit',
    c: {
      block: 1367940139,
      firstWord: 1,
      words: 6,
      mutation: 'change-word',
      pin: false,
      pick: 1858254911,
    },
    want: 'right',
  },
  {
    what: 'a changed first word is taken whole, not with the end of the word before',
    page: 'govuk-permit',
    c: {
      block: 17,
      firstWord: 1683982893,
      words: 5,
      mutation: 'change-word',
      pin: false,
      pick: 2147483624,
    },
    want: 'right',
  },
  {
    what: 'a changed first word is taken whole, not left out',
    page: 'govuk-permit',
    c: {
      block: 1856247436,
      firstWord: 10,
      words: 5,
      mutation: 'change-word',
      pin: false,
      pick: 449961980,
    },
    want: 'right',
  },
  {
    what: 'a changed word before a full stop is taken whole',
    page: 'govuk-report-bins',
    c: {
      block: 934850548,
      firstWord: 1846475861,
      words: 4,
      mutation: 'change-word',
      pin: false,
      pick: 580497971,
    },
    want: 'right',
  },
  {
    what: 'a pinned menu link named by its id, deleted, is not the footer link that says the same',
    page: 'wikipedia',
    c: {
      block: 1684417750,
      firstWord: 885568435,
      words: 7,
      mutation: 'delete-quote',
      pin: true,
      pick: 1259879693,
    },
    want: 'orphan',
  },
  {
    what: 'a deleted radio hint is not the next hint, which ends with the same words',
    page: 'govuk-permit',
    c: {
      block: 1746708372,
      firstWord: 1092400286,
      words: 10,
      mutation: 'delete-block',
      pin: false,
      pick: 6,
    },
    want: 'orphan',
  },
  {
    what: 'a deleted section heading’s words are not the same words in the contents list',
    page: 'wikipedia',
    c: {
      block: 764511706,
      firstWord: 2100125414,
      words: 2,
      mutation: 'delete-block',
      pin: false,
      pick: 792094304,
    },
    want: 'orphan',
  },
  {
    what: 'words cut from a heading are not the contents list’s entry for it',
    page: 'wikipedia',
    c: {
      block: 90914566,
      firstWord: 811759502,
      words: 2,
      mutation: 'delete-quote',
      pin: false,
      pick: 23755400,
    },
    want: 'orphan',
  },
];

describe('cases once anchored to the wrong place', () => {
  it.each(KNOWN)('$what', ({ page, c, want }) => {
    const pristine = pristineBody(document, MUTATION_PAGES[page]!);
    expect(runCase(pristine, c)).toBe(want);
  });
});
