import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentCodings } from './decode-body.js';
import { redactUrl, redactUrlsInText } from './redact-url.js';
import { backoffMs, retryAfterMs } from './retry.js';

/** Seeded, so a failure is reproducible: `FC_SEED=<seed>` reruns it. */
const runs = { numRuns: 1000, seed: Number(process.env.FC_SEED ?? 20261202) };

const secret = fc.stringMatching(/^[A-Za-z0-9]{8,24}$/).map((text) => `S3cret${text}`);
const host = fc.constantFrom('prom.example', '127.0.0.1:9090', '[::1]:9090', 'keystone', '[bad');
const path = fc.stringMatching(/^(\/[A-Za-z0-9._~-]{0,12}){0,4}$/);

describe('redactUrl (property)', () => {
  it('never lets a password from userinfo or a query string through, parsable URL or not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('http', 'https'),
        host,
        path,
        secret,
        secret,
        (scheme, where, at, pw, token) => {
          const url = `${scheme}://cloudkitty:${pw}@${where}${at}?token=${token}#${token}`;
          const shown = redactUrl(url);
          expect(shown).not.toContain(pw);
          expect(shown).not.toContain(token);
        },
      ),
      runs,
    );
  });

  it('never lets any part of a password through, whatever characters it holds (/?#@: unescaped)', () => {
    // Digits first: `http://u:1234/x@host` parses as port 1234 and a path, the shape that used to leak.
    const wild = fc
      .tuple(fc.stringMatching(/^[0-9]{0,4}$/), fc.stringMatching(/^[A-Za-z0-9/?#@:%![\]~-]{1,16}$/))
      .map(([digits, rest]) => `${digits}${rest}Zz`);
    fc.assert(
      fc.property(
        fc.constantFrom('http://', 'https://', '//', ''),
        fc.constantFrom('cloudkitty:', ''),
        wild,
        host,
        path,
        (prefix, user, pw, where, at) => {
          const shown = redactUrl(`${prefix}${user}${pw}@${where}${at}`);
          expect(shown).not.toContain(pw);
          // No tail of it either: everything up to its last character went with the userinfo.
          expect(shown).not.toContain(pw.slice(-5));
        },
      ),
      runs,
    );
  });

  it('leaves a URL without userinfo, query or fragment as it is, and is idempotent', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const once = redactUrl(url);
        expect(redactUrl(once)).toBe(once);
        expect(once).not.toMatch(/[?#@]/);
        // An @ anywhere ends a userinfo (a password may hold / ? #): only URLs without one, and without
        // a query or fragment (even an empty one), stay as they are.
        if (!/[?#@]/.test(url)) expect(once).toBe(url);
      }),
      runs,
    );
  });

  it('redactUrlsInText leaves no password or query value of any URL in a message', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(host, path, secret, secret), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(' ', ', ', ' (', '\n'),
        (urls, separator) => {
          const text = urls
            .map(([where, at, pw, token]) => `http://cloudkitty:${pw}@${where}${at}?token=${token}`)
            .join(separator);
          const shown = redactUrlsInText(`failed: ${text}.`);
          for (const [, , pw, token] of urls) {
            expect(shown).not.toContain(pw);
            expect(shown).not.toContain(token);
          }
          expect(shown.startsWith('failed: ')).toBe(true);
        },
      ),
      runs,
    );
  });
});

describe('contentCodings (property)', () => {
  it('lists the codings in order, lower-cased, without identity or blanks', () => {
    const coding = fc.constantFrom('gzip', 'GZip', 'deflate', 'br', 'identity', 'zstd', '');
    fc.assert(
      fc.property(
        fc.array(coding, { maxLength: 5 }),
        fc.constantFrom(',', ', ', ' ,'),
        (codings, separator) => {
          expect(contentCodings(codings.join(separator))).toEqual(
            codings.map((c) => c.toLowerCase()).filter((c) => c !== '' && c !== 'identity'),
          );
        },
      ),
      runs,
    );
  });
});

describe('retry timing (property)', () => {
  it('backs off monotonically and never beyond 10 s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), (retry) => {
        expect(backoffMs(retry)).toBeLessThanOrEqual(10_000);
        expect(backoffMs(retry + 1)).toBeGreaterThanOrEqual(backoffMs(retry));
      }),
      runs,
    );
  });

  it("honours a 503's Retry-After within [0, max], whatever the header says", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.integer({ min: 0, max: 120_000 }), (header, max) => {
        const wait = retryAfterMs({ status: 503, body: '', header: () => header }, max, 0);
        if (wait !== undefined) {
          expect(wait).toBeGreaterThanOrEqual(0);
          expect(wait).toBeLessThanOrEqual(max);
        }
        expect(retryAfterMs({ status: 502, body: '', header: () => header }, max, 0)).toBeUndefined();
      }),
      runs,
    );
  });
});
