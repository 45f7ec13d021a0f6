import { InvalidParameterError } from './invalid-parameter-error.js';

/** 400: `custom_fields` of GET /v2/summary is not a list of `FUNCTION(column) [AS alias]`. */
export class InvalidCustomFieldsError extends InvalidParameterError {
  override name = 'InvalidCustomFieldsError';
  /** The field refused, as given (trimmed); undefined when the problem is the whole text. */
  readonly part: string | undefined;
  readonly reason: string;

  constructor(reason: string, part?: string) {
    super([{ parameter: 'custom_fields', message: part === undefined ? reason : `${reason} in '${part}'` }]);
    this.part = part;
    this.reason = reason;
  }
}
