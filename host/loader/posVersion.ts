/** POS versions are dotted numbers (9.52.0, 9.52.0.1); compared part by part, missing parts = 0. */
const versionPattern = /^\d+(\.\d+)*$/;

export function parsePosVersion(version: string): number[] {
  if (!versionPattern.test(version)) {
    throw new RangeError(`"${version}" is not a POS version (dotted numbers, like 9.52.0)`);
  }
  return version.split('.').map(Number);
}

/** Negative when a < b, 0 when equal, positive when a > b (numerically: 9.10 > 9.9). */
export function comparePosVersions(a: string, b: string): number {
  const left = parsePosVersion(a);
  const right = parsePosVersion(b);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}
