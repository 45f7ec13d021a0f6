/** Python's `datetime.isoformat()` of an aware UTC datetime, as CloudKitty's dataframes carry it. */
export function isoformatUtc(date: Date): string {
  const iso = date.toISOString();
  const withoutZ = iso.endsWith('.000Z') ? iso.slice(0, -5) : `${iso.slice(0, -1)}000`;
  return `${withoutZ}+00:00`;
}
