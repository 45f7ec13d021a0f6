import { parseSkipExpression, type SkipExpression, SkipExpressionError } from '@kitty-collect/collector-base';
import { z } from 'zod';

export const ORCHESTRATOR_SECTION = 'orchestrator';

/** CloudKitty's default: no point is skipped. */
export const DEFAULT_SKIP_DATAPOINTS_EXPRESSION = 'False';

/**
 * CloudKitty's other `[orchestrator]` options (cloudkitty/orchestrator.py): its coordination backend and
 * worker processes and threads. kitty-collect has one process, whose parallelism is `[kitty_collect]
 * concurrency` and whose request deadline is the collector's `timeout`: they are accepted and ignored, so
 * that one cloudkitty.conf serves both.
 */
export const ORCHESTRATOR_IGNORED_OPTIONS = [
  'coordination_url',
  'max_workers',
  'max_workers_reprocessing',
  'max_threads',
  'collector_request_timeout',
] as const;

/** A Python expression of the subset collector-base evaluates without eval, parsed now. */
function skipExpressionValue() {
  return z.string().transform((text, ctx): SkipExpression => {
    try {
      return parseSkipExpression(text);
    } catch (error) {
      if (!(error instanceof SkipExpressionError)) throw error;
      ctx.issues.push({ code: 'custom', message: error.message, input: undefined });
      return z.NEVER;
    }
  });
}

/**
 * `[orchestrator]`: the `skip_datapoints_expression` of rating types that have none in metrics.yml (a
 * point for which it is true is not stored).
 */
export const orchestratorSectionSchema = z
  .object({
    skip_datapoints_expression: skipExpressionValue().default(() =>
      parseSkipExpression(DEFAULT_SKIP_DATAPOINTS_EXPRESSION),
    ),
  })
  .transform((section) => ({ skipDatapointsExpression: section.skip_datapoints_expression }));

export const ORCHESTRATOR_OPTIONS = [
  ...Object.keys(orchestratorSectionSchema.in.shape),
  ...ORCHESTRATOR_IGNORED_OPTIONS,
];

export type OrchestratorSection = z.output<typeof orchestratorSectionSchema>;
