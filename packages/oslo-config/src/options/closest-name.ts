/** The closest known name to a mistyped one, if it is close enough to be what was meant. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  // `listen_address` for `listen`, `storage` for `storage_path`: one name extends the other.
  const extended = known.find(
    (candidate) => name.startsWith(`${candidate}_`) || candidate.startsWith(`${name}_`),
  );
  if (extended !== undefined) return extended;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (best === undefined || distance < best.distance) best = { name: candidate, distance };
  }
  // A third of the length: catches `concurency`, `storage-path`, `listen_address`, not unrelated words.
  return best !== undefined && best.distance <= Math.max(2, Math.floor(name.length / 3))
    ? best.name
    : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
