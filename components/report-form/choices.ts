/** Words for the report's fixed vocabularies, from the message catalogue. */
import { msg } from '@/utils/i18n';

/** The localised word for `value` of a vocabulary (`category`, `workaround`, `data`…). */
export const choiceLabel = (prefix: string, value: string) =>
  msg(`${prefix}_${value.replace(/-/g, '_')}`);

/** `list` with `value` added (at the end) or removed. */
export const toggle = <T extends string>(
  list: T[],
  value: T,
  on: boolean,
): T[] =>
  on
    ? [...list.filter((v) => v !== value), value]
    : list.filter((v) => v !== value);
