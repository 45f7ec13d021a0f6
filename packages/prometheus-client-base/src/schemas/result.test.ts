import { describe, expect, it } from 'vitest';
import { recordedBody } from '../testing/recorded-bodies.js';
import { errorResponseSchema, successResponseSchema } from './envelope.js';
import { rangeSuccessResponseSchema } from './range.js';

const PROJECT = '8f9d4c8a3e0b4f6c9a1d2e3f4a5b6c7d';

describe('successResponseSchema on recorded Prometheus 2.42 answers', () => {
  it('parses an instant vector and keeps sample values as strings', () => {
    const parsed = successResponseSchema.parse(JSON.parse(recordedBody('vector')));
    expect(parsed).toEqual({
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          {
            metric: { __name__: 'ceilometer_cpu', project_id: PROJECT, resource_id: 'vm-1' },
            value: [1767488400, '108000000000000'],
          },
          {
            metric: { __name__: 'ceilometer_cpu', project_id: PROJECT, resource_id: 'vm-2' },
            value: [1767488400, '432000000000000'],
          },
        ],
      },
    });
  });

  it('parses a matrix from query_range', () => {
    const parsed = rangeSuccessResponseSchema.parse(JSON.parse(recordedBody('matrix')));
    expect(parsed.data.result).toHaveLength(1);
    expect(parsed.data.result[0]?.metric).toEqual({ __name__: 'linear_gauge', project_id: PROJECT });
    expect(parsed.data.result[0]?.values).toEqual([
      [1767488400, '60'],
      [1767488460, '61'],
      [1767488520, '62'],
      [1767488580, '63'],
      [1767488640, '64'],
      [1767488700, '65'],
    ]);
  });

  it('parses a matrix answered to an instant range selector', () => {
    const parsed = successResponseSchema.parse(JSON.parse(recordedBody('range_matrix_instant')));
    expect(parsed.data.resultType).toBe('matrix');
  });

  it('parses a scalar and a string', () => {
    expect(successResponseSchema.parse(JSON.parse(recordedBody('scalar'))).data).toEqual({
      resultType: 'scalar',
      result: [1767488400, '8.571428571428571'],
    });
    expect(successResponseSchema.parse(JSON.parse(recordedBody('string'))).data).toEqual({
      resultType: 'string',
      result: [1767488400, 'hello world'],
    });
  });

  it('parses an empty vector', () => {
    expect(successResponseSchema.parse(JSON.parse(recordedBody('empty'))).data).toEqual({
      resultType: 'vector',
      result: [],
    });
  });

  it('passes NaN and +Inf samples through untouched, as strings', () => {
    const nan = successResponseSchema.parse(JSON.parse(recordedBody('nan')));
    const inf = successResponseSchema.parse(JSON.parse(recordedBody('inf')));
    expect(nan.data.resultType === 'vector' && nan.data.result[0]?.value).toEqual([1767488400, 'NaN']);
    expect(inf.data.resultType === 'vector' && inf.data.result[0]?.value).toEqual([1767488400, '+Inf']);
  });

  it('tolerates unknown fields and keeps warnings and infos; series are kept as received', () => {
    const series = { metric: {}, value: [1, '1e+21'], histogram: null };
    const parsed = successResponseSchema.parse({
      status: 'success',
      warnings: ['PromQL warning: encountered a mix of histograms and floats'],
      infos: ['PromQL info: metric might not be a counter'],
      stats: { timings: {} },
      data: {
        resultType: 'vector',
        result: [series],
        extra: true,
      },
    });
    expect(parsed).toEqual({
      status: 'success',
      warnings: ['PromQL warning: encountered a mix of histograms and floats'],
      infos: ['PromQL info: metric might not be a counter'],
      data: { resultType: 'vector', result: [{ metric: {}, value: [1, '1e+21'], histogram: null }] },
    });
    // Checked in place rather than copied: a batched answer holds hundreds of thousands of series.
    expect(parsed.data.resultType === 'vector' && parsed.data.result[0]).toBe(series);
  });

  it('rejects a numeric sample value at its exact path', () => {
    const result = successResponseSchema.safeParse({
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: {}, value: [1, 2] }] },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['data', 'result', 0, 'value', 1]);
  });

  it.each([
    ['a label value that is not a string', { metric: { a: 1 }, value: [1, '2'] }, ['metric', 'a']],
    ['labels that are not an object', { metric: null, value: [1, '2'] }, ['metric']],
    ['labels that are an array', { metric: ['a'], value: [1, '2'] }, ['metric']],
    ['a sample pair of three', { metric: {}, value: [1, '2', 3] }, ['value']],
    ['a missing sample', { metric: {} }, ['value']],
    ['a series that is not an object', 'up', []],
  ])('rejects %s in a vector at its exact path', (_case, series, path) => {
    const result = successResponseSchema.safeParse({
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: {}, value: [1, '1'] }, series] },
    });
    expect(result.error?.issues[0]?.path).toEqual(['data', 'result', 1, ...path]);
    expect(result.error?.issues[0]?.message).toMatch(/^(Invalid input: expected|Too big: expected array)/);
  });

  it('rejects a bad sample pair in a matrix at its exact path', () => {
    const result = rangeSuccessResponseSchema.safeParse({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: {},
            values: [
              [1, '1'],
              [2, 2],
            ],
          },
        ],
      },
    });
    expect(result.error?.issues[0]?.path).toEqual(['data', 'result', 0, 'values', 1, 1]);
  });

  it('rejects an unknown resultType', () => {
    const result = successResponseSchema.safeParse({
      status: 'success',
      data: { resultType: 'streams', result: [] },
    });
    expect(result.error?.issues[0]?.path).toEqual(['data', 'resultType']);
  });

  it('rejects a vector where the range schema expects a matrix', () => {
    const result = rangeSuccessResponseSchema.safeParse(JSON.parse(recordedBody('vector')));
    expect(result.error?.issues[0]?.path).toEqual(['data', 'resultType']);
  });
});

describe('errorResponseSchema on recorded Prometheus 2.42 errors', () => {
  it('parses bad_data (400), execution (422) and timeout (503)', () => {
    expect(errorResponseSchema.parse(JSON.parse(recordedBody('bad_data')))).toEqual({
      status: 'error',
      errorType: 'bad_data',
      error: 'invalid parameter "query": 1:18: parse error: unclosed left parenthesis',
    });
    expect(errorResponseSchema.parse(JSON.parse(recordedBody('execution'))).errorType).toBe('execution');
    expect(errorResponseSchema.parse(JSON.parse(recordedBody('timeout')))).toEqual({
      status: 'error',
      errorType: 'timeout',
      error: 'query timed out in expression evaluation',
    });
  });
});
