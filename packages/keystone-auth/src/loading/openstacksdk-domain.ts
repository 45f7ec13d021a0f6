import type { OptionName } from './option-names.js';
import type { OptionEntry } from './option-set.js';

const SHORTCUTS = [
  ['domain_id', 'user_domain_id', 'user_domain_name', 'project_domain_id', 'project_domain_name'],
  ['domain_name', 'user_domain_name', 'user_domain_id', 'project_domain_name', 'project_domain_id'],
] as const;

/**
 * openstacksdk's `_handle_domain_id` (openstack/config/loader.py), which python-openstackclient applies to
 * clouds.yaml entries and OS_* variables alike: when the token is project-scoped, `domain_id`/`domain_name`
 * is shorthand for the user's and the project's domain (filled where neither the id nor the name is given)
 * instead of a domain scope. keystoneauth's own loaders (conf sections, plain options) have no such rule,
 * hence `applies`, which says which entries came from openstacksdk-style sources.
 */
export function applyDomainShortcut(
  entries: Map<OptionName, OptionEntry>,
  applies: (entry: OptionEntry) => boolean,
): void {
  const projectScoped = entries.has('project_id') || entries.has('project_name');
  if (!projectScoped) return;
  for (const [shortcut, userSame, userOther, projectSame, projectOther] of SHORTCUTS) {
    const entry = entries.get(shortcut);
    if (entry === undefined || !applies(entry)) continue;
    if (!entries.has(userSame) && !entries.has(userOther)) {
      entries.set(userSame, {
        ...entry,
        place: { ...entry.place, source: `${entry.place.source} (as ${userSame})` },
      });
    }
    if (!entries.has(projectSame) && !entries.has(projectOther)) {
      entries.set(projectSame, {
        ...entry,
        place: { ...entry.place, source: `${entry.place.source} (as ${projectSame})` },
      });
    }
    entries.delete(shortcut);
  }
}
