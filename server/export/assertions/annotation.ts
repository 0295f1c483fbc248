/** The model's requirements of an Annotation (§3, §4). */
import { isIri } from '../values';
import { must, should, type Assertion } from './assertion';
import {
  agentHasId,
  agentHasSingleName,
  agentHasSingleNickname,
  agentHasType,
  someAgent,
} from './agents';
import {
  bodyAndTargetExclusions,
  bodyAndTargetRules,
  bodyAndTargetShoulds,
} from './bodies-and-targets';
import {
  hasSource,
  identified,
  isBodyResource,
  isTargetResource,
  isSelectorValue,
  isStateValue,
  isTextual,
  isTimeState,
  itemsUnder,
  selectorsOf,
  selectorsOfClassValid,
  statesOf,
} from './resources';
import {
  absentOr,
  contextNamesModel,
  has,
  isMotivation,
  isRecord,
  isString,
  oneOrMore,
  single,
  singleDateTime,
  singleIri,
  typed,
} from './values';

/** The model's requirements of an Annotation, MUSTs then SHOULDs, keyed by the W3C suite's ids. */
export const ANNOTATION_ASSERTIONS: readonly Assertion[] = [
  must(
    '3.1-annotationContextValidated',
    'Names the Web Annotation context in @context.',
    contextNamesModel,
  ),
  must('3.1-annotationIdValidated', 'Has exactly one id, an IRI.', identified),
  must('3.1-annotationTypeValidated', 'Has Annotation among its types.', (a) =>
    typed(a, 'Annotation'),
  ),
  must('3.1-targetKeyFound', 'Has a target.', (a) => has(a, 'target')),
  must(
    '3.2-targetObjectsRecognized',
    'Each of its one or more targets is an IRI, a Choice, a Specific Resource or an External Web Resource.',
    (a) => has(a, 'target') && oneOrMore(a.target, isTargetResource),
  ),
  must(
    '3.2.5-notBodyBodyValue',
    'Does not have both body and bodyValue.',
    (a) => !(has(a, 'body') && has(a, 'bodyValue')),
  ),
  must(
    '3.2-bodyObjectsRecognized',
    'Each body is an IRI, a Choice, a Specific Resource, an External Web Resource or a Textual Body.',
    (a) => absentOr(a, 'body', (v) => oneOrMore(v, isBodyResource)),
  ),
  must('3.2.5-bodyValueValidated', 'A bodyValue is a single string.', (a) =>
    absentOr(a, 'bodyValue', (v) => single(v, isString)),
  ),
  must(
    '3.3.1-annotationCreatedValidated',
    'created is a single date-time.',
    (a) => absentOr(a, 'created', singleDateTime),
  ),
  must(
    '3.3.1-annotationModifiedValidated',
    'modified is a single date-time.',
    (a) => absentOr(a, 'modified', singleDateTime),
  ),
  must(
    '3.3.1-annotationGeneratedValidated',
    'generated is a single date-time.',
    (a) => absentOr(a, 'generated', singleDateTime),
  ),
  must('3.3.6-annotationRightsValidated', 'rights are IRIs.', (a) =>
    absentOr(a, 'rights', (v) => oneOrMore(v, isIri)),
  ),
  must(
    '3.3.7-annotationCanonicalValidated',
    'canonical is a single IRI.',
    (a) => absentOr(a, 'canonical', singleIri),
  ),
  must('3.3.7-annotationViaValidated', 'via values are IRIs.', (a) =>
    absentOr(a, 'via', (v) => oneOrMore(v, isIri)),
  ),
  ...bodyAndTargetRules,
  ...bodyAndTargetExclusions,
  must(
    '3.2.4-targNoTypeTextualBody',
    'No target is a Textual Body (typed TextualBody and embedded without an id).',
    (a) =>
      !itemsUnder(a, 'target').some(
        (t) => isTextual(t) && typed(t, 'TextualBody') && !identified(t),
      ),
  ),
  must(
    '4.2-selectorValidIfPresent',
    'Every selector is an IRI, or a selector of one of the model’s classes with what that class requires.',
    (a) =>
      (['body', 'target'] as const).every((key) =>
        itemsUnder(a, key).every((r) =>
          absentOr(r, 'selector', (v) => oneOrMore(v, isSelectorValue)),
        ),
      ),
  ),
  must(
    '4.3-stateValidIfPresent',
    'Every state is an IRI, a TimeState or an HttpRequestState with what it requires.',
    (a) =>
      (['body', 'target'] as const).every((key) =>
        itemsUnder(a, key).every((r) =>
          absentOr(r, 'state', (v) => oneOrMore(v, isStateValue)),
        ),
      ),
  ),
  must(
    '4.3.3-refinedByValidated',
    'Every refinement of a selector or state is an IRI, a model selector or a model state.',
    (a) =>
      [...selectorsOf(a), ...statesOf(a)].every((s) =>
        absentOr(s, 'refinedBy', (v) =>
          oneOrMore(v, (r) => isSelectorValue(r) || isStateValue(r)),
        ),
      ),
  ),
  must(
    '4.4-styleClassValidIfPresent',
    'styleClass values are strings, on Specific Resources, and the annotation then has a stylesheet.',
    (a) => {
      const styled = (['body', 'target'] as const).flatMap((key) =>
        itemsUnder(a, key).filter((r) => has(r, 'styleClass')),
      );
      return (
        styled.every(
          (r) => hasSource(r) && oneOrMore(r.styleClass, isString),
        ) &&
        (styled.length === 0 || has(a, 'stylesheet'))
      );
    },
  ),
  must(
    '4.2-fragmentCssXPathSelectorValid',
    'Every FragmentSelector, CssSelector and XPathSelector has a single string value.',
    (a) =>
      selectorsOfClassValid(a, [
        'FragmentSelector',
        'CssSelector',
        'XPathSelector',
      ]),
  ),
  must(
    '4.2.4-textQuoteSelectorValid',
    'Every TextQuoteSelector has exact text.',
    (a) => selectorsOfClassValid(a, ['TextQuoteSelector']),
  ),
  must(
    '4.2-TextDataPositionSelectorValid',
    'Every TextPositionSelector and DataPositionSelector has a non-negative integer start and end.',
    (a) =>
      selectorsOfClassValid(a, [
        'TextPositionSelector',
        'DataPositionSelector',
      ]),
  ),
  must(
    '4.2.7-svgSelectorValid',
    'Every SvgSelector has either a value or an id.',
    (a) => selectorsOfClassValid(a, ['SvgSelector']),
  ),
  must(
    '4.2.8-rangeSelectorValid',
    'Every RangeSelector has exactly one startSelector and one endSelector, each a model selector.',
    (a) => selectorsOfClassValid(a, ['RangeSelector']),
  ),
  must(
    '4.3.1-timeStateValid',
    'Every TimeState has sourceDate, or both sourceDateStart and sourceDateEnd.',
    (a) =>
      statesOf(a)
        .filter((s) => s.type === 'TimeState')
        .every(isTimeState),
  ),
  must(
    '4.3.2-httpRequestStateValid',
    'Every HttpRequestState has a value.',
    (a) =>
      statesOf(a)
        .filter((s) => s.type === 'HttpRequestState')
        .every((s) => isString(s.value)),
  ),

  // SHOULDs: the model recommends these; the suite reports them without failing.
  should('3.1-bodyKeyFound', 'Has a body.', (a) => has(a, 'body')),
  should(
    '3.3.1-annotationCreatedImplemented',
    'Says when it was created.',
    (a) => has(a, 'created') && singleDateTime(a.created),
  ),
  should(
    '3.3.1-annotationSingleCreatorImplemented',
    'Has exactly one creator.',
    (a) =>
      has(a, 'creator') && single(a.creator, (c) => isIri(c) || isRecord(c)),
  ),
  should(
    '3.3.1-singleAnnotationCreatorImplemented',
    'Has exactly one creator.',
    (a) =>
      has(a, 'creator') && single(a.creator, (c) => isIri(c) || isRecord(c)),
  ),
  should(
    '3.3.2-annotationCreatorAgentIdImplemented',
    'Its creator has an IRI.',
    (a) => someAgent(a.creator, agentHasId),
  ),
  should(
    '3.3.2-annotationCreatorAgentNicknameImplemented',
    'Its creator has one nickname.',
    (a) => someAgent(a.creator, agentHasSingleNickname),
  ),
  should(
    '3.3.2-annotationCreatorAgentSingleNameImplemented',
    'Its creator has one name.',
    (a) => someAgent(a.creator, agentHasSingleName),
  ),
  should(
    '3.3.2-annotationCreatorAgentTypeImplemented',
    'Its creator is a Person, Organization or Software.',
    (a) => someAgent(a.creator, agentHasType),
  ),
  should(
    '3.3.2-annotationGeneratorAgentIdImplemented',
    'Its generator has an IRI.',
    (a) => someAgent(a.generator, agentHasId),
  ),
  should(
    '3.3.2-annotationGeneratorAgentNicknameImplemented',
    'Its generator has one nickname.',
    (a) => someAgent(a.generator, agentHasSingleNickname),
  ),
  should(
    '3.3.2-annotationGeneratorAgentSingleNameImplemented',
    'Its generator has one name.',
    (a) => someAgent(a.generator, agentHasSingleName),
  ),
  should(
    '3.3.2-annotationGeneratorAgentTypeImplemented',
    'Its generator is a Person, Organization or Software.',
    (a) => someAgent(a.generator, agentHasType),
  ),
  should(
    '3.3.5-annotationSingleMotivationImplemented',
    'Has exactly one motivation of the model’s.',
    (a) => has(a, 'motivation') && single(a.motivation, isMotivation),
  ),
  ...bodyAndTargetShoulds,
  should(
    '3.2.4-bodyETBTypeTextualBody',
    'An embedded Textual Body says it is a TextualBody.',
    (a) =>
      itemsUnder(a, 'body').some(
        (b) => isTextual(b) && typed(b, 'TextualBody'),
      ),
  ),
  should(
    '4.2.1-conformsTo',
    'A FragmentSelector names the specification it conforms to.',
    (a) =>
      selectorsOf(a).some(
        (s) => s.type === 'FragmentSelector' && isIri(s.conformsTo),
      ),
  ),
  should(
    '4.2.4-prefix',
    'A TextQuoteSelector gives the text before the quote.',
    (a) =>
      selectorsOf(a).some(
        (s) => s.type === 'TextQuoteSelector' && isString(s.prefix),
      ),
  ),
  should(
    '4.2.4-suffix',
    'A TextQuoteSelector gives the text after the quote.',
    (a) =>
      selectorsOf(a).some(
        (s) => s.type === 'TextQuoteSelector' && isString(s.suffix),
      ),
  ),
];
