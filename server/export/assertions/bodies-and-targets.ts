/**
 * The assertions the model makes of every body and every target of an annotation, made once
 * for bodies (`body…` ids) and once for targets (`targ…` ids), as the W3C suite does.
 */
import { isIri, isLanguageTag, isMediaType } from '../values';
import { must, should } from './assertion';
import {
  agentHasId,
  agentHasSingleName,
  agentHasSingleNickname,
  agentHasType,
  someAgent,
} from './agents';
import {
  hasSource,
  isChoice,
  isExternal,
  isSpecific,
  isTextual,
  itemsUnder,
  partsUnder,
} from './resources';
import {
  absentOr,
  has,
  isRecord,
  oneOrMore,
  single,
  singleDateTime,
  singleIri,
  type Json,
} from './values';

/** The value checks of §3.2.1 and §3.3 that apply to every described body or target. */
const RESOURCE_PROPERTY_RULES: Record<
  string,
  { key: string; test: (v: unknown) => boolean }
> = {
  TextDirection: {
    key: 'textDirection',
    test: (v) => single(v, (d) => d === 'ltr' || d === 'rtl' || d === 'auto'),
  },
  Created: { key: 'created', test: singleDateTime },
  Modified: { key: 'modified', test: singleDateTime },
  Rights: { key: 'rights', test: (v) => oneOrMore(v, isIri) },
  Canonical: { key: 'canonical', test: singleIri },
  Via: { key: 'via', test: (v) => oneOrMore(v, isIri) },
};

/** Every described body (or target) and its source meet a property's rule where they use it. */
function resourcePropertyValid(
  anno: Json,
  key: 'body' | 'target',
  rule: keyof typeof RESOURCE_PROPERTY_RULES,
) {
  const { key: property, test } = RESOURCE_PROPERTY_RULES[rule]!;
  return partsUnder(anno, key).every((part) => absentOr(part, property, test));
}

/** No described body (or target), nor its source or items, is of a kind and has a property. */
function noneHave(
  anno: Json,
  key: 'body' | 'target',
  kind: (o: Json) => boolean,
  property: string,
  where: 'parts' | 'items' = 'parts',
): boolean {
  const found =
    where === 'parts' ? partsUnder(anno, key) : itemsUnder(anno, key);
  return !found.some((part) => kind(part) && has(part, property));
}

/** Some described body (or target), its source or one of its items meets `test`. */
function someHas(
  anno: Json,
  key: 'body' | 'target',
  test: (o: Json) => boolean,
): boolean {
  return partsUnder(anno, key).some(test);
}

/** A body, target or item that can carry descriptive properties: Specific, External or Textual. */
function isDescribable(o: Json): boolean {
  return isSpecific(o) || isExternal(o) || isTextual(o);
}

/** The MUSTs on the values of each body's and each target's properties (§3.2.1, §3.3). */
export const bodyAndTargetRules = (['body', 'target'] as const).flatMap(
  (key) => {
    const prefix = key === 'body' ? 'body' : 'targ';
    const section: Record<string, string> = {
      TextDirection: '3.2.1',
      Created: '3.3.1',
      Modified: '3.3.1',
      Rights: '3.3.6',
      Canonical: '3.3.7',
      Via: '3.3.7',
    };
    return Object.keys(RESOURCE_PROPERTY_RULES).map((rule) =>
      must(
        `${section[rule]}-${prefix}${rule}Validated`,
        `Where a ${key} or its source has ${RESOURCE_PROPERTY_RULES[rule]!.key}, the value is well formed.`,
        (a) => resourcePropertyValid(a, key, rule),
      ),
    );
  },
);

/** The MUSTs on what each kind of body or target may not have (§3.2, §4). */
export const bodyAndTargetExclusions = (['body', 'target'] as const).flatMap(
  (key) => {
    const p = key === 'body' ? 'body' : 'targ';
    return [
      must(
        `3.2.7-${p}EWRNoItems`,
        `No External Web Resource ${key} has items.`,
        (a) => noneHave(a, key, isExternal, 'items'),
      ),
      must(
        `3.3.5-${p}EWRNoPurpose`,
        `No External Web Resource ${key} has a purpose.`,
        (a) => noneHave(a, key, isExternal, 'purpose'),
      ),
      must(`3.2.4-${p}ChoiceSetNoValue`, `No Choice ${key} has a value.`, (a) =>
        noneHave(a, key, isChoice, 'value', 'items'),
      ),
      must(`4-${p}ChoiceSetNoSource`, `No Choice ${key} has a source.`, (a) =>
        noneHave(a, key, isChoice, 'source', 'items'),
      ),
      must(
        `3.3.5-${p}ChoiceSetNoPurpose`,
        `No Choice ${key} has a purpose.`,
        (a) => noneHave(a, key, isChoice, 'purpose', 'items'),
      ),
      ...(key === 'body'
        ? [
            must(
              '3.2.7-bodyEmbeddedTextualNoItems',
              'No Textual Body has items.',
              (a) => noneHave(a, key, isTextual, 'items', 'items'),
            ),
            must(
              '4-bodyEmbeddedTextualNoSource',
              'No Textual Body has a source.',
              (a) => noneHave(a, key, isTextual, 'source', 'items'),
            ),
          ]
        : []),
      must(
        `3.2.7-${p}SpecificResourceNoItems`,
        `No Specific Resource ${key} has items.`,
        (a) => noneHave(a, key, hasSource, 'items', 'items'),
      ),
      must(
        `4-${p}SpecificResourceNoValue`,
        `No Specific Resource ${key} has a value.`,
        (a) => noneHave(a, key, hasSource, 'value', 'items'),
      ),
    ];
  },
);

/** The SHOULDs of each body and each target: what describes it, and its creator (§3.2.1, §3.3). */
export const bodyAndTargetShoulds = (['body', 'target'] as const).flatMap(
  (key) => {
    const p = key === 'body' ? 'body' : 'targ';
    return [
      should(
        `3.2.1-${p}SingleFormat`,
        `A ${key} gives its one media type in format.`,
        (a) =>
          someHas(
            a,
            key,
            (o) =>
              isDescribable(o) &&
              has(o, 'format') &&
              single(o.format, isMediaType),
          ),
      ),
      should(
        `3.2.1-${p}SingleLanguage`,
        `A ${key} gives its one language in language.`,
        (a) =>
          someHas(
            a,
            key,
            (o) =>
              isDescribable(o) &&
              has(o, 'language') &&
              single(o.language, isLanguageTag),
          ),
      ),
      should(`3.3.1-${p}Created`, `A ${key} says when it was created.`, (a) =>
        someHas(
          a,
          key,
          (o) =>
            isDescribable(o) && has(o, 'created') && singleDateTime(o.created),
        ),
      ),
      should(
        `3.3.1-${p}SingleCreator`,
        `A ${key} has exactly one creator.`,
        (a) =>
          someHas(
            a,
            key,
            (o) =>
              isDescribable(o) &&
              has(o, 'creator') &&
              single(o.creator, (c) => isIri(c) || isRecord(c)),
          ),
      ),
      should(
        `3.3.2-${p}CreatorAgentIdImplemented`,
        `A ${key}’s creator has an IRI.`,
        (a) => someHas(a, key, (o) => someAgent(o.creator, agentHasId)),
      ),
      should(
        `3.3.2-${p}CreatorAgentNicknameImplemented`,
        `A ${key}’s creator has one nickname.`,
        (a) =>
          someHas(a, key, (o) => someAgent(o.creator, agentHasSingleNickname)),
      ),
      should(
        `3.3.2-${p}CreatorAgentSingleNameImplemented`,
        `A ${key}’s creator has one name.`,
        (a) => someHas(a, key, (o) => someAgent(o.creator, agentHasSingleName)),
      ),
      should(
        `3.3.2-${p}CreatorAgentTypeImplemented`,
        `A ${key}’s creator is a Person, Organization or Software.`,
        (a) => someHas(a, key, (o) => someAgent(o.creator, agentHasType)),
      ),
    ];
  },
);
