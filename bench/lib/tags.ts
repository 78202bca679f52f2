/** 0 → a, 25 → z, 26 → ba … (letters only: digits could be masked as phone numbers in the prompt). */
export function letters(n: number): string {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
}

/** Every benchmark event carries a tag `bq<phase letter><letters>` in its text. */
export function tagOf(prefix: string, index: number): string {
  return `${prefix}${letters(index)}`;
}

/** Finds benchmark tags in any text (a model prompt, a stored message). */
export const TAG_PATTERN = /\bbq[a-z]+\b/g;
