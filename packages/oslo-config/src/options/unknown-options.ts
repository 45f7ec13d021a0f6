import type { IniFile } from '../ini/ini-file.js';
import type { OptionProblem } from '../location.js';
import { closestName } from './closest-name.js';

/** An option of a section that is not among its known ones, located, with the closest known name. */
export interface UnknownOption extends OptionProblem {
  option: string;
  /** The known name it is probably a typo of, if one is close enough. */
  suggestion: string | undefined;
}

/**
 * The options of `[section]` that are not in `known`, each a problem suggesting the closest known name.
 * oslo.config ignores unknown options (a section may hold other libraries' options): use this only for
 * sections whose every option is yours, where an unknown one can only be a typo.
 */
export function unknownOptions(ini: IniFile, section: string, known: readonly string[]): UnknownOption[] {
  return Object.keys(ini.toRecord(section) ?? {})
    .filter((option) => !known.includes(option))
    .map((option) => {
      const suggestion = closestName(option, known);
      return {
        ...ini.locate(section, option),
        option,
        suggestion,
        problem: `unknown option${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}; [${section}] has ${known.join(', ')}`,
      };
    });
}
