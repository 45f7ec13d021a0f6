import { PrometheusError, PrometheusResponseError } from '@kitty-collect/prometheus-client-base';
import { describe, expect, it } from 'vitest';
import { atEvaluationTime, isUnknownTimeArgument } from './time-parameter.js';

const refusal = (status: number, errorType: string, error: string) =>
  new PrometheusResponseError({ status, errorType, error, url: 'http://aetos/api/v1/query' });

describe('isUnknownTimeArgument', () => {
  it.each([
    'Unknown argument: "time"',
    'Unknown argument: "timeout"',
    'Unknown argument: "time, timeout"',
    'Unknown argument: "timeout, time"',
  ])('recognises Aetos 1.0 refusing %s', (faultstring) => {
    expect(isUnknownTimeArgument(refusal(400, 'aetos_client', faultstring))).toBe(true);
  });

  it.each([
    [400, 'aetos_client', 'Unknown argument: "stats"'],
    [400, 'aetos_client', 'Unknown argument: "time, stats"'],
    [400, 'aetos_client', 'Missing argument: "query"'],
    [400, 'bad_data', 'Unknown argument: "time"'],
    [422, 'aetos_client', 'Unknown argument: "time"'],
  ])('does not take %i %s %j for it', (status, errorType, error) => {
    expect(isUnknownTimeArgument(refusal(status, errorType, error))).toBe(false);
  });

  it('does not take other errors for it', () => {
    expect(isUnknownTimeArgument(new PrometheusError('Unknown argument: "time"'))).toBe(false);
    expect(isUnknownTimeArgument(undefined)).toBe(false);
  });
});

describe('atEvaluationTime', () => {
  const at = 1767488400;
  it('gives instant vectors, scalars and strings the evaluation time', () => {
    expect(
      atEvaluationTime(
        {
          status: 'success',
          data: { resultType: 'vector', result: [{ metric: { a: 'b' }, value: [1800000000.5, '7'] }] },
        },
        at,
      ),
    ).toEqual({
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: { a: 'b' }, value: [at, '7'] }] },
    });
    expect(
      atEvaluationTime({ status: 'success', data: { resultType: 'scalar', result: [1, '2'] } }, at).data,
    ).toEqual({ resultType: 'scalar', result: [at, '2'] });
    expect(
      atEvaluationTime({ status: 'success', data: { resultType: 'string', result: [1, 'x'] } }, at).data,
    ).toEqual({ resultType: 'string', result: [at, 'x'] });
  });

  it("leaves a range vector's sample times alone", () => {
    const response = {
      status: 'success' as const,
      data: {
        resultType: 'matrix' as const,
        result: [{ metric: {}, values: [[5, '1'] as [number, string]] }],
      },
    };
    expect(atEvaluationTime(response, at)).toBe(response);
  });
});
