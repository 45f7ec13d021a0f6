/** Binaries come from PATH unless overridden, e.g. to test against another Prometheus release. */
export function prometheusBin(): string {
  return process.env.KITTY_PROMETHEUS_BIN || 'prometheus';
}

export function promtoolBin(): string {
  return process.env.KITTY_PROMTOOL_BIN || 'promtool';
}
