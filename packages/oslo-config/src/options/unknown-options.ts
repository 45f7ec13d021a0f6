import type { IniFile } from '../ini/ini-file.js';
import type { OptionProblem } from '../location.js';
import { closestName } from './closest-name.js';

/**
 * The options of `[section]` that are not in `known`, each a problem suggesting the closest known name.
 * oslo.config ignores unknown options (a section may hold other libraries' options): use this only for
 * sections whose every option is yours, where an unknown one can only be a typo.
 */
export function unknownOptions(ini: IniFile, section: string, known: readonly string[]): OptionProblem[] {
  return Object.keys(ini.toRecord(section) ?? {})
    .filter((option) => !known.includes(option))
    .map((option) => {
      const suggestion = closestName(option, known);
      return {
        ...ini.locate(section, option),
        problem: `unknown option${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}; [${section}] has ${known.join(', ')}`,
      };
    });
}
