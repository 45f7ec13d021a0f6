import type { IniOverride } from '@kitty-collect/oslo-config';
import type { ConfigProblem } from './config-problem.js';

/** `KITTY_COLLECT__<SECTION>__<OPTION>=value` overrides `[section] option` of cloudkitty.conf. */
export const ENV_PREFIX = 'KITTY_COLLECT__';

/** oslo.config's rule: sections are case-insensitive except `DEFAULT` (which a variable can only write in capitals). */
function normalizeSection(name: string): string {
  return name.toUpperCase() === 'DEFAULT' ? 'DEFAULT' : name.toLowerCase();
}

/**
 * The overrides set in `env`, sorted by name so the result does not depend on the environment's order;
 * `IniFile.withOverrides` applies them, each value keeping its variable so problems name it. Empty
 * variables are ignored (shells and unit files often export empty ones); a name that does not split
 * into a section and an option is a problem rather than silently ignored, being surely a typo.
 */
export function readEnvOverrides(env: NodeJS.ProcessEnv): {
  overrides: IniOverride[];
  problems: ConfigProblem[];
} {
  const overrides: IniOverride[] = [];
  const problems: ConfigProblem[] = [];
  for (const variable of Object.keys(env).sort()) {
    const value = env[variable];
    if (!variable.startsWith(ENV_PREFIX) || value === undefined || value === '') continue;
    const parts = variable.slice(ENV_PREFIX.length).split('__');
    const [section, option] = parts;
    if (
      parts.length !== 2 ||
      section === undefined ||
      option === undefined ||
      section === '' ||
      option === ''
    ) {
      problems.push({
        file: `$${variable}`,
        message: `expected ${ENV_PREFIX}<SECTION>__<OPTION>, e.g. ${ENV_PREFIX}COLLECT__PERIOD`,
      });
      continue;
    }
    overrides.push({ variable, section: normalizeSection(section), option: option.toLowerCase(), value });
  }
  return { overrides, problems };
}
