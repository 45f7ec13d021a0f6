const SAFE_ARG = /^[\w@%+=:,./-]+$/;

/** Renders a command the way a person would paste it into a shell, for error messages. */
export function formatCommand(bin: string, args: readonly string[]): string {
  return [bin, ...args]
    .map((part) => (SAFE_ARG.test(part) ? part : `'${part.replaceAll("'", "'\\''")}'`))
    .join(' ');
}
