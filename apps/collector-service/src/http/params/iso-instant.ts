/**
 * ISO 8601 as CloudKitty's API takes `begin` and `end`: a date (`2026-03-01`), or a date and time with or
 * without seconds and fraction, extended (`2026-03-01T10:00:00Z`) or basic (`20260301T100000Z`) format,
 * with an offset (`Z`, `+02:00`, `+0200`, `+02`) or none. The service keeps time in UTC, so a time without
 * offset is UTC (CloudKitty uses its host's zone, UTC on servers).
 */
const INSTANT =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[Tt ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

export function parseIsoInstant(input: string): Date | undefined {
  // An unencoded `+` in a query string arrives as a space: `…T10:00:00 02:00` meant `+02:00`.
  const text = input
    .trim()
    .replace(/^(.+[Tt ]\d{2}:?\d{2}(?::?\d{2}(?:[.,]\d+)?)?) (\d{2}(?::?\d{2})?)$/, '$1+$2');
  const match = INSTANT.exec(text);
  if (match === null) return undefined;
  const field = (index: number) => Number(match[index] ?? 0);
  const [year, month, day, hour, minute, second] = [
    field(1),
    field(2),
    field(3),
    field(4),
    field(5),
    field(6),
  ];
  const fraction = match[7] ?? '';
  const sign = match[9] === '-' ? -1 : 1;
  const offsetHours = field(10);
  const offsetMinutes = field(11);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  // Milliseconds are the resolution of the stored periods; further digits are dropped.
  const milliseconds = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const local = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
  const date = new Date(local - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
  // Date.UTC maps years 0–99 to 1900–1999; such dates are no usage period anyway.
  return year < 100 || Number.isNaN(date.getTime()) ? undefined : date;
}
