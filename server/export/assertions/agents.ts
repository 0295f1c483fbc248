/** The agents (§3.3.2) that create and generate annotations, as the W3C assertions read them. */
import { identified } from './resources';
import {
  has,
  isRecord,
  isString,
  oneOrMore,
  single,
  valuesOf,
  type Json,
} from './values';

const AGENT_TYPES = ['Person', 'Organization', 'Software'];

/** Some agent of `value` (one agent or several) meets `test`. */
export function someAgent(
  value: unknown,
  test: (agent: Json) => boolean,
): boolean {
  return valuesOf(value).some((agent) => isRecord(agent) && test(agent));
}

/** The agent has an IRI. */
export const agentHasId = (agent: Json) => identified(agent);

/** The agent is a Person, Organization or Software. */
export const agentHasType = (agent: Json) =>
  has(agent, 'type') &&
  oneOrMore(agent.type, (t) => AGENT_TYPES.includes(t as string));

/** The agent has exactly one name. */
export const agentHasSingleName = (agent: Json) =>
  has(agent, 'name') && single(agent.name, isString);

/** The agent has exactly one nickname. */
export const agentHasSingleNickname = (agent: Json) =>
  has(agent, 'nickname') && single(agent.nickname, isString);
