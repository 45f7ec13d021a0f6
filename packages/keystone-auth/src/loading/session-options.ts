import { booleanValue, secondsValue, textValue } from '@kitty-collect/oslo-config';
import { z } from 'zod';
import type { SessionOptions } from '../session/session-options.js';
import { SESSION_OPTION_NAMES } from './option-names.js';
import type { OptionSet } from './option-set.js';
import { parseOptions } from './parse-options.js';

/** keystoneauth's session conf options (loading/session.py `get_conf_options`). */
export const sessionConfSchema = z.object({
  cafile: textValue().optional(),
  certfile: textValue().optional(),
  keyfile: textValue().optional(),
  insecure: booleanValue().optional(),
  timeout: secondsValue().optional(),
});

export type SessionConf = z.infer<typeof sessionConfSchema>;

/** The part of `new Session({...})`'s options that configuration provides. */
export type LoadedSessionOptions = Pick<
  SessionOptions,
  'caFile' | 'certFile' | 'keyFile' | 'insecure' | 'timeout'
>;

export function resolveSessionOptions(set: OptionSet): LoadedSessionOptions {
  const conf = parseOptions(sessionConfSchema, SESSION_OPTION_NAMES, set);
  const options: LoadedSessionOptions = {};
  if (conf.cafile !== undefined) options.caFile = conf.cafile;
  if (conf.certfile !== undefined) options.certFile = conf.certfile;
  if (conf.keyfile !== undefined) options.keyFile = conf.keyfile;
  if (conf.insecure !== undefined) options.insecure = conf.insecure;
  if (conf.timeout !== undefined) options.timeout = conf.timeout;
  return options;
}
