import { type OptionType, optionType, refuse, type ValueOptions } from './option-type.js';
import { got } from './shown-value.js';

export interface ChoiceOptions extends ValueOptions {
  /**
   * Why some other values are refused, e.g. `{ gnocchi: 'a CloudKitty collector that kitty-collect does
   * not implement' }`, so that the message does not call them typos.
   */
  notes?: Readonly<Record<string, string>>;
}

/** oslo's String with `choices` (StrOpt): one of the listed values, blanks around it ignored. */
export function choiceValue<const Choice extends string>(
  choices: readonly Choice[],
  options: ChoiceOptions = {},
): OptionType<Choice> {
  return optionType((value) => {
    const text = typeof value === 'string' ? value.trim() : undefined;
    if (text !== undefined && (choices as readonly string[]).includes(text)) return text as Choice;
    const notes = options.notes ?? {};
    const note = text !== undefined && Object.hasOwn(notes, text) ? ` (${notes[text]})` : '';
    return refuse(`expected one of ${choices.join(', ')}${got(value, options)}${note}`);
  });
}
