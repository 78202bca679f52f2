/**
 * Checks an AI answer before it reaches a resident: a length cap, no phone numbers or URLs other than
 * the profile's, nothing that reads as method information. A failed check means a safe fallback is sent.
 */
export interface OutputPolicy {
  maxChars: number;
  allowedPhones: string[];
  allowedUrls: string[];
}

export type OutputVerdict = { ok: true; text: string } | { ok: false; reason: 'empty' | 'too-long' | 'phone' | 'url' | 'method' };

const PHONE_LIKE = /(#\d{4})|(\+?\d[\d\-－ー()（）\s]{1,16}\d)/g;
const URL_LIKE = /(https?:\/\/|www\.)[^\s、。）)」]+/gi;
// Words that only appear when someone describes how to hurt oneself; the persona never needs them.
const METHOD_TERMS = [
  /致死量/,
  /何錠(飲|の)め?ば/,
  /(首|くび)を?(吊|つ)(る|り)(方|かた|方法)/,
  /練炭/,
  /硫化水素/,
  /確実に(死|しね)/,
  /楽に(死|しね)/,
  /(死に方|死ぬ方法|自殺の?方法|自殺の仕方)/,
  /(飛び降り|とびおり)(る|た)?なら/,
  /(手首|てくび)を?(深く|縦に)/,
  /lethal dose|how to (kill|hang|overdose)/i,
];

const digitsOf = (s: string) => s.replace(/\D/g, '');

export function checkOutput(raw: string, policy: OutputPolicy): OutputVerdict {
  let text = raw.trim();
  if (!text) return { ok: false, reason: 'empty' };
  if (METHOD_TERMS.some((re) => re.test(text))) return { ok: false, reason: 'method' };
  const allowedDigits = new Set(policy.allowedPhones.map(digitsOf));
  for (const match of text.match(PHONE_LIKE) ?? []) {
    const digits = digitsOf(match);
    // Short numbers (times, counts) are not phone numbers; 3-digit emergency numbers are checked too.
    if ((digits.length >= 3 && /^(1\d\d|#)/.test(match.trim())) || digits.length >= 8) {
      if (!allowedDigits.has(digits)) return { ok: false, reason: 'phone' };
    }
  }
  for (const url of text.match(URL_LIKE) ?? []) {
    if (!policy.allowedUrls.some((allowed) => url.startsWith(allowed))) return { ok: false, reason: 'url' };
  }
  if (text.length > policy.maxChars) {
    // Cut at the last sentence end inside the cap; a reply with no such end is refused.
    const cut = Math.max(...['。', '？', '！', '?', '!'].map((p) => text.lastIndexOf(p, policy.maxChars - 1)));
    if (cut < policy.maxChars / 3) return { ok: false, reason: 'too-long' };
    text = text.slice(0, cut + 1);
  }
  return { ok: true, text };
}
