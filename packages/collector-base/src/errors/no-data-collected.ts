import { CollectorError } from './collector-error.js';

/** A rating type produced no data point for a scope and period (as CloudKitty's NoDataCollected). */
export class NoDataCollected extends CollectorError {
  override name = 'NoDataCollected';
  readonly collector: string;
  /** The rating type's display name: its `alt_name`, else the metric name. */
  readonly resource: string;
  readonly scopeId: string | undefined;

  constructor(collector: string, resource: string, scopeId?: string) {
    const scope = scopeId === undefined ? '' : ` for scope '${scopeId}'`;
    super(`No data collected: collector '${collector}' returned no data for resource '${resource}'${scope}`);
    this.collector = collector;
    this.resource = resource;
    this.scopeId = scopeId;
  }
}
