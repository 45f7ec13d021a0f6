import { isPrometheusLabelName, isPrometheusMetricName } from '@kitty-collect/collectors';
import fc from 'fast-check';

/*
 * The metrics.yml fuzz part of the fault matrix (issue 11): valid metrics.yml documents, and invalid
 * variants of them, one mutation each, every one of which `kitty-collect validate` must refuse cleanly.
 */

/** A YAML node as the generator builds it: pairs keep order and allow duplicate keys; `raw` is emitted as is. */
export type YNode = string | number | boolean | null | YMap | YSeq | Raw;
export interface YMap {
  kind: 'map';
  pairs: [string, YNode][];
  anchor?: string;
}
export interface YSeq {
  kind: 'seq';
  items: YNode[];
  anchor?: string;
}
export interface Raw {
  kind: 'raw';
  text: string;
}

const map = (pairs: [string, YNode][], anchor?: string): YMap =>
  anchor === undefined ? { kind: 'map', pairs } : { kind: 'map', pairs, anchor };
const seq = (items: YNode[]): YSeq => ({ kind: 'seq', items });
const raw = (text: string): Raw => ({ kind: 'raw', text });

function isCollection(node: YNode): node is YMap | YSeq {
  return typeof node === 'object' && node !== null && node.kind !== 'raw';
}

function scalar(node: Exclude<YNode, YMap | YSeq>): string {
  if (node === null) return 'null';
  if (typeof node === 'object') return node.text;
  return typeof node === 'string' ? JSON.stringify(node) : String(node);
}

/** Flow style: `{"unit": "s", "groupby": ["id"]}` (JSON with anchors and raw text). */
function flow(node: YNode): string {
  if (!isCollection(node)) return scalar(node);
  const anchor = node.anchor === undefined ? '' : `&${node.anchor} `;
  if (node.kind === 'seq') return `${anchor}[${node.items.map(flow).join(', ')}]`;
  return `${anchor}{${node.pairs.map(([key, value]) => `${JSON.stringify(key)}: ${flow(value)}`).join(', ')}}`;
}

/** Block style, two spaces a level; empty collections in flow style. */
function block(node: YMap | YSeq, indent: number): string {
  const pad = ' '.repeat(indent);
  const entries: [string, YNode][] =
    node.kind === 'map'
      ? node.pairs.map(([key, value]) => [`${JSON.stringify(key)}:`, value])
      : node.items.map((item) => ['-', item]);
  return entries
    .map(([lead, value]) => {
      if (!isCollection(value) || (value.kind === 'map' ? value.pairs : value.items).length === 0) {
        return `${pad}${lead} ${flow(value)}\n`;
      }
      const anchor = value.anchor === undefined ? '' : ` &${value.anchor}`;
      return `${pad}${lead}${anchor}\n${block({ ...value, anchor: undefined } as YMap | YSeq, indent + 2)}`;
    })
    .join('');
}

export type YamlStyle = 'block' | 'flow';

export function toYaml(document: YMap, style: YamlStyle): string {
  return style === 'flow' ? `${flow(document)}\n` : block(document, 0);
}

// --- valid documents -------------------------------------------------------------------------------

const labelName = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/).filter((name) => name !== 'project_id');
const metricName = fc.stringMatching(/^[a-z_:][a-z0-9_:]{0,12}$/).filter((name) => name !== '__proto__');
const FACTORS = ['1/1048576', '0.5', '1e-9', '3', 1, 2.5, '1_000'] as const;
const MUTATORS = ['NONE', 'NUMBOOL', 'NOTNUMBOOL', 'FLOOR', 'CEIL', 'MAP'] as const;

const ratingType = fc
  .record(
    {
      unit: fc.constantFrom('instance', 'GiB', 'second', 'request'),
      description: fc.constantFrom('CPU time', 'Images in GiB', ''),
      factor: fc.constantFrom(...FACTORS),
      offset: fc.constantFrom(0, '0.5', '-1'),
      labels: fc.uniqueArray(labelName, { maxLength: 6 }),
      split: fc.nat(),
      withScopeKey: fc.boolean(),
      mutate: fc.constantFrom(...MUTATORS),
      aggregation: fc.constantFrom('max', 'sum', 'avg'),
    },
    { requiredKeys: ['unit', 'labels', 'split', 'withScopeKey', 'mutate'] },
  )
  .map((value): [string, YNode][] => {
    const cut = value.split % (value.labels.length + 1);
    const groupby = value.labels.slice(0, cut);
    const pairs: [string, YNode][] = [];
    // description first: fuzz mutations put anchors there, ahead of the aliases that use them
    if (value.description !== undefined) pairs.push(['description', value.description]);
    pairs.push(['unit', value.unit]);
    if (value.factor !== undefined) pairs.push(['factor', value.factor]);
    if (value.offset !== undefined) pairs.push(['offset', value.offset]);
    pairs.push(['groupby', seq(value.withScopeKey ? [...groupby, 'project_id'] : groupby)]);
    pairs.push(['metadata', seq(value.labels.slice(cut))]);
    pairs.push(['mutate', value.mutate]);
    if (value.mutate === 'MAP')
      pairs.push([
        'mutate_map',
        map([
          ['0', 1],
          ['1.5', '2'],
        ]),
      ]);
    if (value.aggregation !== undefined)
      pairs.push(['extra_args', map([['aggregation_method', value.aggregation]])]);
    return pairs;
  });

/** A metric: one rating type, or a list of them with distinct `alt_name`s. */
const metric = fc.oneof(
  ratingType.map((pairs) => map(pairs)),
  fc
    .tuple(
      fc.array(ratingType, { minLength: 1, maxLength: 3 }),
      fc.uniqueArray(labelName, { minLength: 3, maxLength: 3 }),
    )
    .map(([types, altNames]) =>
      seq(types.map((pairs, index) => map([...pairs, ['alt_name', altNames[index] ?? 'x']]))),
    ),
);

/** Expressions of the subset collector-base evaluates; one per document (rating types may share a name). */
const SKIP_EXPRESSIONS = [
  'datapoint.get("vol", {}).get("qty", 0) == 0',
  "datapoint['groupby'].get('project_id') in ('a', 'b') and not datapoint['metadata']",
  'False',
];

/** A valid metrics.yml, as `kitty-collect validate` accepts it. */
export const validDocument: fc.Arbitrary<YMap> = fc
  .tuple(
    fc.uniqueArray(fc.tuple(metricName, metric), { minLength: 1, maxLength: 4, selector: ([name]) => name }),
    fc.option(fc.constantFrom(...SKIP_EXPRESSIONS)),
  )
  .map(([metrics, skip]) => {
    const document = map([['metrics', map(metrics)]]);
    if (skip !== null)
      for (const type of ratingTypes(document)) type.pairs.push(['skip_datapoints_expression', skip]);
    return document;
  });

// --- invalid variants -----------------------------------------------------------------------------------

/** One invalid metrics.yml: its bytes, or a path to read instead (a device), or a size to extend it to. */
export interface MetricsVariant {
  kind: MutationKind;
  bytes: Uint8Array;
  /** Extend the file (sparse) to this many bytes: over the size limit without writing it. */
  extendTo?: number;
  /** Validate this path instead of a file with `bytes`. */
  path?: string;
}

/**
 * Changes `document` in place (and returns what it changed, a map of it), or returns the whole file: text,
 * bytes, or a variant to place.
 */
type Mutation = (document: YMap, choice: number) => YMap | string | Uint8Array | Omit<MetricsVariant, 'kind'>;

/** The rating type maps of a document (each single one, each list item). */
function ratingTypes(document: YMap): YMap[] {
  const metrics = document.pairs[0]?.[1] as YMap;
  return metrics.pairs.flatMap(([, value]) =>
    typeof value === 'object' && value !== null && value.kind === 'seq'
      ? (value.items as YMap[])
      : [value as YMap],
  );
}

const pick = <T>(list: readonly T[], choice: number): T => list[choice % list.length] as T;
const metricsOf = (document: YMap) => document.pairs[0]?.[1] as YMap;

function set(target: YMap, key: string, value: YNode): YMap {
  const at = target.pairs.findIndex(([name]) => name === key);
  if (at === -1) target.pairs.push([key, value]);
  else target.pairs[at] = [key, value];
  return target;
}

const labelsOf = (type: YMap, key: 'groupby' | 'metadata') =>
  (type.pairs.find(([name]) => name === key)?.[1] as YSeq | undefined)?.items ?? [];

const badLabel = fc.oneof(
  fc.constantFrom(
    'a b',
    '9abc',
    'a-b',
    'resource) or label_replace(vector(42),"project_id","p1","","") #',
    'a"} or vector(1)',
    'ünïcode',
    'a:b',
    'x\ny',
    `${'l'.repeat(300)}-`,
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }).filter((name) => !isPrometheusLabelName(name)),
);
const badMetricName = fc.oneof(
  fc.constantFrom(
    'a"} or vector(1)',
    'cpu{project_id="x"}',
    '9cpu',
    'cpu-total',
    'cpu total',
    'cpu@#x',
    `${'m'.repeat(500)}.`,
  ),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 16 })
    .filter((name) => !isPrometheusMetricName(name)),
);
/** For each field, values of a type it refuses. */
const NOT_SCALAR: YNode[] = [seq([]), map([]), seq([1, 2]), map([['a', 1]])];
const REFUSED_TYPES: Record<string, YNode[]> = {
  unit: [...NOT_SCALAR, 5, true, null],
  factor: [...NOT_SCALAR, true, raw('.nan')],
  offset: [...NOT_SCALAR, false],
  mutate: [...NOT_SCALAR, 3, null],
  description: [...NOT_SCALAR, 7],
  alt_name: [...NOT_SCALAR, 5, null],
  skip_datapoints_expression: [...NOT_SCALAR, 1],
  groupby: ['text', 5, true, null, map([])],
  metadata: ['text', 7, false, null, map([['a', 'b']])],
  extra_args: ['text', 5, true, seq([1])],
  mutate_map: ['text', 5, null, seq([1])],
  'rating type': ['text', 5, true, null],
  metrics: [seq([]), seq([map([['unit', 'u']])]), 'text', 5, null],
  document: [seq([1]), 'text', 5, seq([])],
};
const KNOWN_OPTIONS = new Set([
  'unit',
  'description',
  'factor',
  'offset',
  'alt_name',
  'groupby',
  'metadata',
  'mutate',
  'mutate_map',
  'extra_args',
  'skip_datapoints_expression',
]);
const unknownKey = fc
  .oneof(
    fc.constantFrom('groupy', 'metadatas', 'Unit', '__proto__', 'constructor', 'query'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  )
  .filter((key) => !KNOWN_OPTIONS.has(key));
const badFraction = fc.oneof(
  fc.constantFrom<YNode>(
    '1/0',
    'abc',
    '',
    ' ',
    '1/2/3',
    '0x10',
    'nan',
    'inf',
    '1_',
    '1 1',
    '--1',
    '1e',
    raw('.inf'),
    raw('-.inf'),
    raw('.nan'),
    `${'9'.repeat(70_000)}x`,
  ),
  fc
    .tuple(fc.stringMatching(/^[0-9]{1,6}$/), fc.constantFrom('x', '..', '/0', ' 1', 'e', '_', '%'))
    .map(([digits, bad]) => `${digits}${bad}`),
);
const BAD_TAGS = [
  '!!python/object:os.system',
  '!!python/object/apply:os.system',
  '!!binary',
  '!!timestamp',
  '!!set',
  '!!omap',
  '!foo',
  '!',
  '!<tag:example.com,2000:x>',
  '!!str!',
];
const SYNTAX_ERRORS = [
  '[unclosed',
  '{a: 1',
  '"unterminated',
  "'unterminated",
  ']',
  '}',
  '{a: b}}',
  '[a]]',
  '@reserved',
  '`reserved',
];

function aliasBomb(width: number): string {
  const level = (name: string, item: string) => `&${name} [${Array(width).fill(item).join(', ')}]`;
  return `[${level('a', 'x')}, ${level('b', '*a')}, ${level('c', '*b')}, ${level('d', '*c')}]`;
}

function insertBytes(text: string, at: number, bytes: readonly number[]): Uint8Array {
  const encoded = Buffer.from(text);
  const offset = at % (encoded.length + 1);
  return Buffer.concat([encoded.subarray(0, offset), Buffer.from(bytes), encoded.subarray(offset)]);
}

const INVALID_UTF8 = [
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0x80],
  [0xf5, 0x80, 0x80, 0x80],
  [0xe9],
];

/** Every mutation: a name, how often it is drawn, and what it does (with its payload). */
const MUTATIONS = {
  'metric-name': [
    4,
    badMetricName,
    (name: string): Mutation =>
      (doc, n) => {
        const metrics = metricsOf(doc);
        const at = n % metrics.pairs.length;
        metrics.pairs[at] = [name, (metrics.pairs[at] as [string, YNode])[1]];
        return doc;
      },
  ],
  'label-name': [
    4,
    fc.tuple(badLabel, fc.boolean()),
    ([label, inGroupby]: [string, boolean]): Mutation =>
      (doc, n) => {
        const type = pick(ratingTypes(doc), n);
        const key = inGroupby ? 'groupby' : 'metadata';
        return set(type, key, seq([...labelsOf(type, key), label]));
      },
  ],
  'wrong-type': [
    4,
    fc.tuple(fc.constantFrom(...Object.keys(REFUSED_TYPES)), fc.nat()),
    ([field, which]: [string, number]): Mutation =>
      (doc, n) => {
        const value = pick(REFUSED_TYPES[field] ?? [], which);
        if (field === 'document') return flow(value);
        if (field === 'metrics') return set(doc, 'metrics', value);
        const metrics = metricsOf(doc);
        if (field === 'rating type') {
          const at = n % metrics.pairs.length;
          metrics.pairs[at] = [(metrics.pairs[at] as [string, YNode])[0], value];
          return doc;
        }
        const type = pick(ratingTypes(doc), n);
        if (field === 'mutate_map') set(type, 'mutate', 'MAP');
        return set(type, field, value);
      },
  ],
  'unknown-key': [
    4,
    fc.tuple(unknownKey, fc.constantFrom('rating type', 'extra_args', 'top level')),
    ([key, where]: [string, string]): Mutation =>
      (doc, n) => {
        if (where === 'top level') {
          doc.pairs.push([key, 1]);
          return doc;
        }
        const type = pick(ratingTypes(doc), n);
        if (where === 'extra_args') return set(type, 'extra_args', map([[key, 'x']]));
        type.pairs.push([key, 'x']);
        return doc;
      },
  ],
  'bad-fraction': [
    4,
    fc.tuple(badFraction, fc.constantFrom('factor', 'offset')),
    ([value, field]: [YNode, string]): Mutation =>
      (doc, n) =>
        set(pick(ratingTypes(doc), n), field, value),
  ],
  'bad-mutate': [
    4,
    fc.constantFrom('ROUND', 'none', 'MAP-without-map', 'map-key', 'map-value', 'map-without-MAP', ''),
    (what: string): Mutation =>
      (doc, n) => {
        const type = pick(ratingTypes(doc), n);
        type.pairs = type.pairs.filter(([key]) => key !== 'mutate_map');
        if (what === 'MAP-without-map') return set(type, 'mutate', 'MAP');
        if (what === 'map-key') return set(set(type, 'mutate', 'MAP'), 'mutate_map', map([['one', 1]]));
        if (what === 'map-value') return set(set(type, 'mutate', 'MAP'), 'mutate_map', map([['1', 'two']]));
        if (what === 'map-without-MAP')
          return set(set(type, 'mutate', 'NONE'), 'mutate_map', map([['1', 1]]));
        return set(type, 'mutate', what);
      },
  ],
  'bad-extra-args': [
    3,
    fc.constantFrom<[string, YNode]>(
      ['aggregation_method', 'median'],
      ['query_function', 'exp2'],
      ['range_function', 'sum'],
      ['query_prefix', 5],
      ['query_suffix', seq([])],
    ),
    ([key, value]: [string, YNode]): Mutation =>
      (doc, n) =>
        set(pick(ratingTypes(doc), n), 'extra_args', map([[key, value]])),
  ],
  overlap: [
    3,
    fc.boolean(),
    (scopeKey: boolean): Mutation =>
      (doc, n) => {
        const type = pick(ratingTypes(doc), n);
        const groupby = labelsOf(type, 'groupby');
        const label = scopeKey || groupby.length === 0 ? 'project_id' : (groupby[0] as string);
        return set(type, 'metadata', seq([...labelsOf(type, 'metadata'), label]));
      },
  ],
  'duplicate-rating-type': [
    3,
    fc.boolean(),
    (withAltName: boolean): Mutation =>
      (doc, n) => {
        const metrics = metricsOf(doc);
        const at = n % metrics.pairs.length;
        const copy = () =>
          map([['unit', 'u'], ...(withAltName ? ([['alt_name', 'same']] as [string, YNode][]) : [])]);
        metrics.pairs[at] = [(metrics.pairs[at] as [string, YNode])[0], seq([copy(), copy()])];
        return doc;
      },
  ],
  'missing-or-empty': [
    3,
    fc.constantFrom('no unit', 'empty unit', 'empty label', 'empty list', 'empty name', 'no metrics'),
    (what: string): Mutation =>
      (doc, n) => {
        const type = pick(ratingTypes(doc), n);
        if (what === 'no unit') type.pairs = type.pairs.filter(([key]) => key !== 'unit');
        if (what === 'empty unit') set(type, 'unit', '');
        if (what === 'empty label') set(type, 'groupby', seq(['']));
        if (what === 'empty list') metricsOf(doc).pairs.push(['empty_list', seq([])]);
        if (what === 'empty name') metricsOf(doc).pairs.push(['', map([['unit', 'u']])]);
        if (what === 'no metrics') doc.pairs = [['metric', metricsOf(doc)]];
        return doc;
      },
  ],
  'bad-tag': [
    4,
    fc.tuple(fc.constantFrom(...BAD_TAGS), fc.boolean()),
    ([tag, topLevel]: [string, boolean]): Mutation =>
      (doc, n) => {
        if (topLevel) return `%TAG !e! tag:example.com,2000:\n---\n${toYaml(doc, 'flow')}`;
        return set(pick(ratingTypes(doc), n), 'unit', raw(`${tag} "instance"`));
      },
  ],
  'alias-bomb': [
    3,
    fc.integer({ min: 10, max: 14 }),
    (width: number): Mutation =>
      (doc, n) =>
        set(pick(ratingTypes(doc), n), 'description', raw(aliasBomb(width))),
  ],
  'bad-alias': [
    3,
    fc.constantFrom('undefined', 'cycle', 'alias key'),
    (what: string): Mutation =>
      (doc, n) => {
        const type = pick(ratingTypes(doc), n);
        if (what === 'undefined') return set(type, 'unit', raw('*nope'));
        if (what === 'alias key')
          return `${toYaml(doc, 'flow').trimEnd().slice(0, -1)}, *k : 1}\n`.replace(
            '{"metrics"',
            '{"k": &k x, "metrics"',
          );
        (doc.pairs[0] as [string, YNode])[1] = { ...metricsOf(doc), anchor: 'm' };
        return set(type, 'description', raw('*m'));
      },
  ],
  'deep-nesting': [
    3,
    fc.tuple(fc.integer({ min: 31, max: 400 }), fc.boolean()),
    ([depth, blockStyle]: [number, boolean]): Mutation =>
      (doc, n) => {
        if (blockStyle) return `metrics:\n  cpu:\n    ${'- '.repeat(depth)}x\n`;
        return set(pick(ratingTypes(doc), n), 'description', raw(`${'['.repeat(depth)}${']'.repeat(depth)}`));
      },
  ],
  'non-utf8': [
    4,
    fc.tuple(fc.constantFrom(...INVALID_UTF8), fc.nat()),
    ([bytes, at]: [number[], number]): Mutation =>
      (doc) =>
        insertBytes(toYaml(doc, 'block'), at, bytes),
  ],
  nul: [
    3,
    fc.nat(),
    (at: number): Mutation =>
      (doc) =>
        insertBytes(toYaml(doc, 'block'), at, [0]),
  ],
  'lone-surrogate': [
    3,
    // As written in the file (a YAML escape), and as the string it stands for.
    fc.constantFrom<[string, string]>(
      ['"\\ud800"', '\ud800'],
      ['"a\\udfffb"', 'a\udfffb'],
      ['"\\udc00\\ud800"', '\udc00\ud800'],
      ['"\\0"', '\0'],
      ['"x\\u0000y"', 'x\u0000y'],
    ),
    ([escaped, value]: [string, string]): Mutation =>
      (doc, n) => {
        if (n % 2 === 0) return set(pick(ratingTypes(doc), n), 'unit', raw(escaped));
        // as a key: JSON.stringify writes the escape back
        metricsOf(doc).pairs.push([value, map([['unit', 'u']])]);
        return doc;
      },
  ],
  'duplicate-key': [
    3,
    fc.boolean(),
    (inMetrics: boolean): Mutation =>
      (doc, n) => {
        if (inMetrics) {
          const metrics = metricsOf(doc);
          metrics.pairs.push(pick(metrics.pairs, n));
          return doc;
        }
        const type = pick(ratingTypes(doc), n);
        type.pairs.push(['unit', 'again']);
        return doc;
      },
  ],
  'skip-expression': [
    3,
    fc.constantFrom(
      'lambda: True',
      "__import__('os').system('id')",
      "datapoint['vol']['qty'] * 2 > 1",
      "datapoint.get('vol'",
      'qty > 5',
      '',
      `${'('.repeat(200)}1${')'.repeat(200)}`,
      `datapoint${' and datapoint'.repeat(400)}`,
    ),
    (expression: string): Mutation =>
      (doc, n) =>
        set(pick(ratingTypes(doc), n), 'skip_datapoints_expression', expression),
  ],
  'yaml-syntax': [
    4,
    fc.constantFrom(...SYNTAX_ERRORS),
    (text: string): Mutation =>
      (doc, n) =>
        set(pick(ratingTypes(doc), n), 'unit', raw(text)),
  ],
  'not-a-mapping': [
    2,
    fc.constantFrom('', '# only a comment\n', '- a\n- b\n', 'metrics\n', '42\n', '~\n', '--- |\n  text\n'),
    (text: string): Mutation =>
      () =>
        text,
  ],
  oversize: [
    1,
    fc.integer({ min: 1, max: 64 * 1024 * 1024 }),
    (extra: number): Mutation =>
      (doc) => ({ bytes: Buffer.from(toYaml(doc, 'block')), extendTo: 1_048_576 + extra }),
  ],
  device: [
    1,
    fc.constantFrom('/dev/zero', '/dev/urandom'),
    (path: string): Mutation =>
      () => ({ bytes: new Uint8Array(), path }),
  ],
  'too-many-tokens': [
    1,
    fc.integer({ min: 11_000, max: 40_000 }),
    (count: number): Mutation =>
      (doc, n) =>
        set(pick(ratingTypes(doc), n), 'description', raw(`[${Array(count).fill('a').join(',')}]`)),
  ],
} as const;

export type MutationKind = keyof typeof MUTATIONS;
export const MUTATION_KINDS = Object.keys(MUTATIONS) as MutationKind[];

function clone(node: YMap): YMap {
  return structuredClone(node);
}

/** An invalid variant of a valid metrics.yml: one mutation, in block or flow style. */
export const invalidVariant: fc.Arbitrary<MetricsVariant> = fc.oneof(
  ...MUTATION_KINDS.map((kind) => {
    const [weight, payload, mutation] = MUTATIONS[kind] as unknown as [
      number,
      fc.Arbitrary<unknown>,
      (payload: unknown) => Mutation,
    ];
    return {
      weight,
      arbitrary: fc
        .tuple(validDocument, payload, fc.nat(), fc.constantFrom<YamlStyle>('block', 'flow'))
        .map(([document, value, choice, style]): MetricsVariant => {
          // Mutations change the copy in place (returning what they changed) or give the whole file.
          const copy = clone(document);
          const result = mutation(value)(copy, choice);
          if (typeof result === 'string') return { kind, bytes: Buffer.from(result) };
          if (result instanceof Uint8Array) return { kind, bytes: result };
          if ('kind' in result) return { kind, bytes: Buffer.from(toYaml(copy, style)) };
          return { kind, ...result };
        }),
    };
  }),
);
