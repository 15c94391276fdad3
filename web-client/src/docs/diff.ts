/** A line diff (longest common subsequence) for comparing a past version with the current text. */
export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string };

/** Lines of `before` and `after`; beyond 4,000 × 4,000 lines it falls back to remove-all / add-all. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (
    end < a.length - start &&
    end < b.length - start &&
    a[a.length - 1 - end] === b[b.length - 1 - end]
  )
    end++;
  const head = a.slice(0, start).map((text) => ({ kind: 'same' as const, text }));
  const tail = a.slice(a.length - end).map((text) => ({ kind: 'same' as const, text }));
  const x = a.slice(start, a.length - end);
  const y = b.slice(start, b.length - end);
  if (x.length * y.length > 16_000_000) {
    return [
      ...head,
      ...x.map((text) => ({ kind: 'removed' as const, text })),
      ...y.map((text) => ({ kind: 'added' as const, text })),
      ...tail,
    ];
  }
  const n = x.length;
  const m = y.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] =
        x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const middle: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      middle.push({ kind: 'same', text: x[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) middle.push({ kind: 'removed', text: x[i++]! });
    else middle.push({ kind: 'added', text: y[j++]! });
  }
  while (i < n) middle.push({ kind: 'removed', text: x[i++]! });
  while (j < m) middle.push({ kind: 'added', text: y[j++]! });
  return [...head, ...middle, ...tail];
}
