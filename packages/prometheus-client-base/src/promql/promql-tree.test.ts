import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PromqlSyntaxError } from '../errors/promql-syntax-error.js';
import { childOf, editQuery, MAX_NESTING, nodeText, parsePromql } from './promql-tree.js';

describe('parsePromql', () => {
  it('gives the Prometheus grammar’s nodes with their spans', () => {
    const tree = parsePromql('sum(rate(foo{a="b"}[5m])) by (a)');
    const aggregate = tree.root.children[0];
    expect(aggregate?.type).toBe('AggregateExpr');
    const modifier = aggregate && childOf(aggregate, 'AggregateModifier');
    expect(modifier?.children.map((child) => child.type)).toEqual(['By', 'GroupingLabels']);
    const labels = modifier && childOf(modifier, 'GroupingLabels');
    expect(labels?.children.map((label) => nodeText(tree, label))).toEqual(['a']);
  });

  it.each([
    ['foo{', 1, 5],
    ['sum(foo', 1, 8],
    ['foo bar', 1, 5],
    ['a +\n  (b', 2, 5],
  ])('refuses %j at line %i, column %i', (query, line, column) => {
    try {
      parsePromql(query);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PromqlSyntaxError);
      expect(error).toMatchObject({ query, line, column });
      expect((error as Error).message).toBe(
        `PromQL syntax error at line ${line}, column ${column} of query '${query}'`,
      );
    }
  });

  it('reads nesting up to MAX_NESTING, and refuses deeper queries where they go too deep (never overflows)', () => {
    const nested = (depth: number) => `${'('.repeat(depth)}foo${')'.repeat(depth)}`;
    expect(parsePromql(nested(MAX_NESTING)).root.to).toBe(2 * MAX_NESTING + 3);
    for (const depth of [MAX_NESTING + 1, 100_000]) {
      expect(() => parsePromql(nested(depth))).toThrow(PromqlSyntaxError);
      expect(() => parsePromql(nested(depth))).toThrow(`column ${MAX_NESTING + 1} of query`);
    }
    // brackets inside strings and comments do not count
    expect(
      parsePromql(`foo{a="${'('.repeat(1000)}"} # ${'['.repeat(1000)}`).root.children.map(
        (node) => node.type,
      ),
    ).toEqual(['VectorSelector', 'LineComment']);
  });

  it('never throws anything but PromqlSyntaxError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        try {
          parsePromql(text);
        } catch (error) {
          expect(error).toBeInstanceOf(PromqlSyntaxError);
        }
      }),
    );
  });
});

describe('editQuery', () => {
  it('applies edits in offset order, insertions at one offset in the order given', () => {
    expect(
      editQuery('a + b', [
        { from: 5, to: 5, insert: ' @ 1' },
        { from: 1, to: 1, insert: ' @ 1' },
        { from: 1, to: 1, insert: ' offset 1m' },
        { from: 2, to: 3, insert: '*' },
      ]),
    ).toBe('a @ 1 offset 1m * b @ 1');
  });

  it('refuses overlapping edits', () => {
    expect(() =>
      editQuery('abc', [
        { from: 0, to: 2, insert: 'x' },
        { from: 1, to: 3, insert: 'y' },
      ]),
    ).toThrow(RangeError);
  });
});
