/**
 * The Accept header the way WebOb 1.8 reads it, because every layer of Aetos (keystonemiddleware, pecan, WSME,
 * the error middleware) negotiates with WebOb and each asks a different question.
 */

interface MediaRange {
  type: string;
  subtype: string;
  /** Media type parameters (before q), lower-cased names. */
  params: [string, string][];
  q: number;
}

export type AcceptHeader =
  | { kind: 'none' }
  | { kind: 'invalid'; value: string }
  | { kind: 'valid'; value: string; ranges: MediaRange[] };

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

function splitOutsideQuotes(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (quoted && ch === '\\') {
      current += ch + (value[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function parseRange(element: string): MediaRange | undefined {
  const [mediaRange = '', ...paramTexts] = splitOutsideQuotes(element, ';').map((part) => part.trim());
  const slash = mediaRange.indexOf('/');
  if (slash < 0) return undefined;
  const type = mediaRange.slice(0, slash);
  const subtype = mediaRange.slice(slash + 1);
  if (!TOKEN.test(type) || !TOKEN.test(subtype)) return undefined;
  if (type === '*' && subtype !== '*') return undefined;
  const params: [string, string][] = [];
  let q = 1;
  for (const text of paramTexts) {
    const eq = text.indexOf('=');
    if (eq <= 0) return undefined;
    const name = text.slice(0, eq).trim().toLowerCase();
    const rawValue = text.slice(eq + 1).trim();
    if (!TOKEN.test(name)) return undefined;
    if (name === 'q') {
      if (!QVALUE.test(rawValue)) return undefined;
      q = Number(rawValue);
      break; // what follows q are accept-extension parameters: ignored
    }
    params.push([name, rawValue.replace(/^"(.*)"$/, '$1')]);
  }
  return { type: type.toLowerCase(), subtype: subtype.toLowerCase(), params, q };
}

/** `create_accept_header`: an absent header, a valid one (possibly empty: nothing acceptable) or an invalid one. */
export function parseAccept(value: string | undefined): AcceptHeader {
  if (value === undefined) return { kind: 'none' };
  const ranges: MediaRange[] = [];
  for (const element of splitOutsideQuotes(value, ',')) {
    if (element.trim() === '') continue; // "#" lists allow empty elements
    const range = parseRange(element);
    if (!range) return { kind: 'invalid', value };
    ranges.push(range);
  }
  return { kind: 'valid', value, ranges };
}

/**
 * `acceptable_offers(offers)`: offers the header accepts, best quality first, ties in the order offered. The
 * most specific matching range decides an offer's quality; a range with parameters never matches an offer
 * without them. No header and an invalid header accept everything.
 */
export function acceptableOffers(header: AcceptHeader, offers: readonly string[]): string[] {
  if (header.kind !== 'valid') return [...offers];
  const rated: { offer: string; q: number; index: number }[] = [];
  offers.forEach((offer, index) => {
    const [type = '', subtype = ''] = offer.toLowerCase().split('/');
    let best: { q: number; specificity: number } | undefined;
    for (const range of header.ranges) {
      let specificity: number;
      if (range.type === '*' && range.subtype === '*') specificity = 1;
      else if (range.subtype === '*' && range.type === type) specificity = 2;
      else if (range.type === type && range.subtype === subtype) specificity = 3;
      else continue;
      if (range.params.length > 0) continue;
      if (!best || specificity > best.specificity) best = { q: range.q, specificity };
    }
    if (best && best.q > 0) rated.push({ offer, q: best.q, index });
  });
  rated.sort((a, b) => b.q - a.q || a.index - b.index);
  return rated.map((r) => r.offer);
}

function rangeMatches(range: MediaRange, offer: string): boolean {
  const [type = '', subtype = ''] = offer.toLowerCase().split('/');
  return (range.type === '*' || range.type === type) && (range.subtype === '*' || range.subtype === subtype);
}

/**
 * The deprecated `best_match(offers)` (what Aetos' error middleware calls): highest quality wins, a more
 * specific range wins a tie; no header or an invalid one gives the first offer, a header that accepts none
 * of them gives undefined.
 */
export function bestMatch(header: AcceptHeader, offers: readonly string[]): string | undefined {
  if (header.kind !== 'valid') return offers[0];
  let bestQuality = -1;
  let bestOffer: string | undefined;
  let matchedBy = '*/*';
  for (const offer of offers) {
    for (const range of header.ranges) {
      if (range.q <= 0) continue;
      const mask = `${range.type}/${range.subtype}`;
      if (range.q < bestQuality) continue;
      if (range.q === bestQuality && countStars(matchedBy) <= countStars(mask)) continue;
      if (rangeMatches(range, offer)) {
        bestQuality = range.q;
        bestOffer = offer;
        matchedBy = mask;
      }
    }
  }
  return bestOffer;
}

const countStars = (mask: string) => mask.split('*').length - 1;
