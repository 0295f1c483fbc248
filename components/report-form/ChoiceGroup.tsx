import { choiceLabel } from './choices';

/** Props of a group of radio buttons over one vocabulary. */
export interface ChoiceGroupProps<T extends string> {
  /** The group's question. */
  legend: string;
  /** The radio group's name, unique on the page (several forms may be open). */
  name: string;
  /** Message prefix of the vocabulary's words (`who`, `frequency`). */
  vocabulary: string;
  choices: readonly T[];
  value?: T;
  onChange: (value: T) => void;
}

/** One answer out of a fixed few, as radio buttons in a row. */
export default function ChoiceGroup<T extends string>(
  props: ChoiceGroupProps<T>,
) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <div class="inline">
        {props.choices.map((c) => (
          <label class="check" key={c}>
            <input
              type="radio"
              name={props.name}
              checked={props.value === c}
              onChange={() => props.onChange(c)}
            />
            {choiceLabel(props.vocabulary, c)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
