import {
  type Alias,
  Composer,
  type CST,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  type ParsedNode,
  Parser,
  type YAMLError,
} from 'yaml';
import { type ConfigurationIssue, InvalidConfiguration } from '../errors/invalid-configuration.js';
import { formatIssuePath } from './issue-path.js';
import type { MetricsConfLimits } from './metrics-conf-limits.js';
import { formatCount, QUOTED_VALUE_MAX, quoteValue } from './quote-value.js';
import { textIssue } from './text-position.js';

/** The YAML 1.2 core schema's tags, as written: shorthand and verbatim. */
const CORE_TAGS = ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'];
const ALLOWED_TAGS = new Set(CORE_TAGS.flatMap((tag) => [`!!${tag}`, `!<tag:yaml.org,2002:${tag}>`]));
const CORE_TAG_LIST = CORE_TAGS.map((tag) => `!!${tag}`).join(', ');

/** Problems reported before giving up on a file: the first ones are what an operator fixes first. */
const MAX_REPORTED = 50;
/** Longest message of the yaml library repeated (it may quote the file). */
const MAX_LIBRARY_MESSAGE = 200;

type Path = (string | number)[];
type YamlNode = ParsedNode | Alias;

/**
 * Parses metrics.yml text as one YAML 1.2 document (core schema) within `limits`, and returns it as plain
 * data. Everything that could cost memory or time out of proportion to a metrics.yml, or mean something
 * other than plain data, is refused with its line and column: more tokens than `maxTokens` (counted before
 * the document is built), nesting deeper than `maxDepth`, tags outside the core schema, aliases with no
 * anchor, inside their own anchor or past `maxAliasCount`, keys that are not strings or numbers,
 * duplicate keys, NUL characters and lone surrogates in strings.
 *
 * The document is turned into data here rather than by the library's `toJS`, whose alias accounting visits
 * the whole document for each alias (a 24 kB file of aliases took 13 s); the bound is the library's:
 * an anchor may be aliased `count` times while `count × aliases inside it` stays within `maxAliasCount`.
 */
export function parseYaml(text: string, limits: MetricsConfLimits, source: string): unknown {
  const lines = new LineCounter();
  const at = (offset: number, message: string): ConfigurationIssue => {
    const { line, col } = lines.linePos(offset);
    return textIssue(line, col, message);
  };
  const refuse = (issues: ConfigurationIssue[]): never => {
    throw new InvalidConfiguration(issues, { source });
  };

  const tokens = tokenize(text, limits.maxTokens, lines, refuse);
  const tags = new Map<number, string>();
  const structural = scanTokens(tokens, limits.maxDepth, tags, at);
  if (structural.length > 0) refuse(structural);

  const document = composeOne(tokens, text.length, at, refuse);
  const problems = [
    ...document.errors.map((error) => at(error.pos[0], `YAML syntax: ${libraryMessage(error)}`)),
    ...document.warnings.map((warning) => {
      const tag = warning.code === 'TAG_RESOLVE_FAILED' ? tags.get(warning.pos[0]) : undefined;
      return at(
        warning.pos[0],
        tag === undefined
          ? `YAML: ${libraryMessage(warning)}`
          : `${tag} does not fit this value (e.g. !!int on a word, !!map on a list)`,
      );
    }),
  ];
  if (problems.length > 0) refuse(problems.slice(0, MAX_REPORTED));

  const converter = new Converter(limits.maxAliasCount, at);
  const value = converter.convert(document.contents, []);
  if (converter.issues.length > 0) refuse(converter.issues);
  return value;
}

/** The CST tokens of `text`, refusing more than `maxTokens` lexemes before any is composed. */
function tokenize(
  text: string,
  maxTokens: number,
  lines: LineCounter,
  refuse: (issues: ConfigurationIssue[]) => never,
): CST.Token[] {
  const parser = new Parser(lines.addNewLine);
  lines.addNewLine(0);
  const tokens: CST.Token[] = [];
  let count = 0;
  for (const lexeme of new Lexer().lex(text, false)) {
    if (++count > maxTokens) {
      refuse([
        {
          path: '',
          message: `metrics.yml has more than ${formatCount(maxTokens)} YAML tokens (keys, values, punctuation, spaces; a metrics.yml of 100 rating types has about 10,000; the limit bounds parsing time)`,
        },
      ]);
    }
    for (const token of parser.next(lexeme)) tokens.push(token);
  }
  for (const token of parser.end()) tokens.push(token);
  return tokens;
}

/**
 * Walks the CST (iteratively: it may be nested 100,000 deep, which composing would not survive) for
 * nesting over `maxDepth`, tags outside the core schema and `%TAG` directives. Every tag seen goes into
 * `tags` by offset, to name it in the library's warnings.
 */
function scanTokens(
  tokens: readonly CST.Token[],
  maxDepth: number,
  tags: Map<number, string>,
  at: (offset: number, message: string) => ConfigurationIssue,
): ConfigurationIssue[] {
  const issues: ConfigurationIssue[] = [];
  const stack: { token: CST.Token | null | undefined; depth: number }[] = tokens.map((token) => ({
    token,
    depth: 0,
  }));
  stack.reverse();
  while (stack.length > 0 && issues.length < MAX_REPORTED) {
    const { token, depth } = stack.pop() as { token: CST.Token | null | undefined; depth: number };
    if (token === null || token === undefined) continue;
    const push = (children: readonly (CST.Token | null | undefined)[], childDepth: number) => {
      for (let index = children.length - 1; index >= 0; index--) {
        stack.push({ token: children[index], depth: childDepth });
      }
    };
    switch (token.type) {
      case 'tag':
        tags.set(token.offset, displayTag(token.source));
        if (!ALLOWED_TAGS.has(token.source)) {
          issues.push(
            at(
              token.offset,
              `${displayTag(token.source)} is not a YAML 1.2 core schema tag (${CORE_TAG_LIST})`,
            ),
          );
        }
        break;
      case 'directive':
        if (/^%TAG\b/.test(token.source)) {
          issues.push(at(token.offset, '%TAG directives are not allowed (metrics.yml uses the core schema)'));
        }
        break;
      case 'document':
        push([...token.start, token.value, ...(token.end ?? [])], depth);
        break;
      case 'block-scalar':
        push(token.props, depth);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        const inner = depth + 1;
        if (inner > maxDepth) {
          // Deeper levels would only repeat the problem: report it once and stop.
          return [
            at(
              token.offset,
              `nested deeper than ${maxDepth} levels (a metrics.yml needs 5; the limit bounds parsing)`,
            ),
          ];
        }
        const children: (CST.Token | null | undefined)[] =
          token.type === 'flow-collection' ? [token.start] : [];
        for (const item of token.items)
          children.push(...item.start, item.key, ...(item.sep ?? []), item.value);
        if (token.type === 'flow-collection') children.push(...token.end);
        push(children, inner);
        break;
      }
      default:
        break;
    }
  }
  return issues;
}

/** The one document of the stream; a second one is refused. */
function composeOne(
  tokens: readonly CST.Token[],
  length: number,
  at: (offset: number, message: string) => ConfigurationIssue,
  refuse: (issues: ConfigurationIssue[]) => never,
): Document.Parsed {
  const composer = new Composer({
    version: '1.2',
    schema: 'core',
    // Checked while converting (the library's check is quadratic in the number of keys).
    uniqueKeys: false,
    // !!binary, !!timestamp, !!set… are YAML 1.1: left unresolved, hence refused.
    resolveKnownTags: false,
  });
  let document: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, length)) {
    if (document === undefined) {
      document = next;
      continue;
    }
    refuse([at(next.range[0], 'YAML syntax: expected one document, found a second one (---)')]);
  }
  if (document === undefined) throw new Error('internal error: the YAML composer gave no document');
  return document;
}

/** A tag as written, truncated when long. */
function displayTag(source: string): string {
  return source.length <= QUOTED_VALUE_MAX ? source : quoteValue(source);
}

function libraryMessage(error: YAMLError): string {
  const message = error.message.split('\n')[0] ?? '';
  return message.length <= MAX_LIBRARY_MESSAGE ? message : `${message.slice(0, MAX_LIBRARY_MESSAGE)}…`;
}

interface AnchorUse {
  value: unknown;
  /** Times aliased so far. */
  count: number;
  /** The library's measure of the aliases inside the anchored node, computed at its first use. */
  aliasCount: number | undefined;
}

/** YAML nodes to plain data, checking keys, strings and aliases on the way. */
class Converter {
  readonly issues: ConfigurationIssue[] = [];
  /** The last node of each anchor name, in document order (an alias means the last one before it). */
  readonly #anchors = new Map<string, YamlNode>();
  readonly #uses = new Map<YamlNode, AnchorUse>();
  readonly #targets = new Map<Alias, YamlNode>();
  /** The collections being converted: an alias to one of them is a cycle. */
  readonly #open = new Set<YamlNode>();
  /** Set by an alias that must not be followed, or by too many issues: the walk ends. */
  #stopped = false;

  constructor(
    private readonly maxAliasCount: number,
    private readonly at: (offset: number, message: string) => ConfigurationIssue,
  ) {}

  /** The data of `node`; `undefined` once the walk has stopped (the issues say why). */
  convert(node: YamlNode | null | undefined, path: Path): unknown {
    if (this.#stopped) return undefined;
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.#alias(node);
    if (isScalar(node)) {
      const value = node.value;
      if (typeof value === 'string') this.#checkString(value, path, undefined);
      this.#anchor(node, value);
      return value;
    }
    if (isMap(node)) {
      const object: Record<string, unknown> = {};
      this.#anchor(node, object);
      this.#open.add(node);
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        if (this.#stopped) break;
        const key = this.#key(pair.key as YamlNode | null, pair.value as YamlNode | null, path);
        if (key === undefined) continue;
        const first = seen.get(key.text);
        if (first !== undefined) {
          this.#report(this.at(key.offset, `duplicate key ${quoteValue(key.text)} (first at line ${first})`));
        } else {
          seen.set(key.text, key.line);
        }
        const value = this.convert(pair.value as YamlNode | null, [...path, key.text]);
        // `__proto__` as an own property, never the object's prototype.
        if (key.text === '__proto__') {
          Object.defineProperty(object, key.text, {
            value,
            writable: true,
            enumerable: true,
            configurable: true,
          });
        } else {
          object[key.text] = value;
        }
      }
      this.#open.delete(node);
      return object;
    }
    if (isSeq(node)) {
      const list: unknown[] = [];
      this.#anchor(node, list);
      this.#open.add(node);
      for (const [index, item] of node.items.entries()) {
        if (this.#stopped) break;
        list.push(this.convert(item as YamlNode, [...path, index]));
      }
      this.#open.delete(node);
      return list;
    }
    throw new Error('internal error: unexpected YAML node');
  }

  /** A mapping key as its text (the JavaScript property it becomes), or `undefined` when refused. */
  #key(
    key: YamlNode | null,
    value: YamlNode | null,
    path: Path,
  ): { text: string; offset: number; line: number } | undefined {
    const offset = key?.range?.[0] ?? value?.range?.[0] ?? 0;
    const refuse = (what: string) => {
      this.#report(this.at(offset, `a key must be a string or a number, not ${what}`));
      return undefined;
    };
    if (key === null) return refuse('empty');
    if (isAlias(key)) return refuse('an alias');
    if (isMap(key)) return refuse('a mapping');
    if (isSeq(key)) return refuse('a list');
    if (!isScalar(key) || key.value === null) return refuse('empty');
    if (typeof key.value === 'string') this.#checkString(key.value, path, key.value);
    this.#anchor(key, key.value);
    return { text: String(key.value), offset, line: this.at(offset, '').line ?? 1 };
  }

  #anchor(node: YamlNode, value: unknown): void {
    if (isAlias(node) || node.anchor === undefined) return;
    this.#anchors.set(node.anchor, node);
    this.#uses.set(node, { value, count: 0, aliasCount: undefined });
  }

  #alias(alias: Alias): unknown {
    const offset = alias.range?.[0] ?? 0;
    const target = this.#anchors.get(alias.source);
    if (target === undefined) {
      return this.#stop(
        this.at(
          offset,
          `alias *${displayName(alias.source)} has no anchor &${displayName(alias.source)} before it`,
        ),
      );
    }
    if (this.#open.has(target)) {
      return this.#stop(
        this.at(offset, `alias *${displayName(alias.source)} is inside its own anchor (a cycle)`),
      );
    }
    this.#targets.set(alias, target);
    const use = this.#uses.get(target) as AnchorUse;
    use.count += 1;
    use.aliasCount ??= this.#aliasCount(target);
    if (use.count * use.aliasCount > this.maxAliasCount) {
      return this.#stop(
        this.at(
          offset,
          `alias *${displayName(alias.source)}: too many aliases (over ${formatCount(this.maxAliasCount)} aliased nodes from one anchor; the limit bounds memory)`,
        ),
      );
    }
    return use.value;
  }

  /** The `yaml` library's `getAliasCount`: the most copies any alias inside `node` already stands for. */
  #aliasCount(node: YamlNode | null): number {
    if (node === null) return 1;
    if (isAlias(node)) {
      const target = this.#targets.get(node);
      const use = target === undefined ? undefined : this.#uses.get(target);
      return use === undefined ? 0 : use.count * (use.aliasCount ?? 0);
    }
    if (isMap(node)) {
      let count = 0;
      for (const pair of node.items) {
        count = Math.max(
          count,
          this.#aliasCount(pair.key as YamlNode | null),
          this.#aliasCount(pair.value as YamlNode | null),
        );
      }
      return count;
    }
    if (isSeq(node)) {
      let count = 0;
      for (const item of node.items) count = Math.max(count, this.#aliasCount(item as YamlNode | null));
      return count;
    }
    return 1;
  }

  /** NUL characters and lone surrogates (from `"\0"`, `"\ud800"` escapes) are not text. */
  #checkString(text: string, path: Path, key: string | undefined): void {
    const problem = stringProblem(text);
    if (problem === undefined) return;
    const where = formatIssuePath(path);
    this.#report({
      path: where,
      message: key === undefined ? problem : `the key ${quoteValue(key)} ${problem}`,
    });
  }

  #report(issue: ConfigurationIssue): void {
    this.issues.push(issue);
    if (this.issues.length >= MAX_REPORTED) this.#stopped = true;
  }

  /** Records the issue that ends the walk (an alias that must not be followed). */
  #stop(issue: ConfigurationIssue): undefined {
    this.issues.push(issue);
    this.#stopped = true;
    return undefined;
  }
}

const LONE_SURROGATE = /\p{Cs}/u;

/** Why `text` is not acceptable text, or `undefined`. */
export function stringProblem(text: string): string | undefined {
  if (text.includes('\0')) return 'contains a NUL character (U+0000)';
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate === null) return undefined;
  const code = surrogate[0].charCodeAt(0).toString(16).toUpperCase();
  return `contains a lone surrogate (U+${code}), which is not text`;
}

function displayName(name: string): string {
  return name.length <= QUOTED_VALUE_MAX ? name : quoteValue(name);
}
