export { ConfigFileError, type ConfigFileErrorDetails } from './errors/config-file-error.js';
export { OptionValueError, type OptionValueErrorDetails } from './errors/option-value-error.js';
export {
  IniFile,
  type IniFileValue,
  type IniOverride,
  type IniOverrideValue,
  type IniSection,
  type IniValue,
  normalizeSectionName,
} from './ini/ini-file.js';
export { parseIni } from './ini/parse-ini.js';
export { readIniFile } from './ini/read-ini-file.js';
export type { OptionLocation, OptionProblem } from './location.js';
export { closestName } from './options/closest-name.js';
export { readOption, readSection, type SectionResult, sectionValues } from './options/read-section.js';
export { isSecretName, SECRET_MARK, withoutSecretValue } from './options/secret-options.js';
export { type UnknownOption, unknownOptions } from './options/unknown-options.js';
export { booleanValue } from './values/boolean-value.js';
export { type ChoiceOptions, choiceValue } from './values/choice-value.js';
export { dictValue, listValue } from './values/collection-values.js';
export { type BoundsOptions, floatValue, integerValue, secondsValue } from './values/number-values.js';
export type { OptionType, ValueOptions } from './values/option-type.js';
export { kindOf, quote } from './values/shown-value.js';
export { required, textValue } from './values/text-value.js';
