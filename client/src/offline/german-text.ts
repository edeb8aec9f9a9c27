/**
 * German-aware text normalisation shared by the offline search index and the reader's find-in-document.
 * Invariant: folding maps every character to a string on its own (no look-around), so a folded text can always be
 * mapped back to offsets in the original, and a query and a document fold the same way ("Straße" and "Strasse"
 * both become "strasse").
 */

const foldCache = new Map<number, string>();
const wordCache = new Uint8Array(0x10000); // 0 unknown, 1 word character, 2 not
const wordPattern = /^[\p{L}\p{N}\p{M}]$/u;
const markPattern = /\p{M}/gu;

/** The folded form of one UTF-16 unit: lowercase, umlauts as ae/oe/ue, ß as ss, other accents dropped. */
export function foldChar(code: number): string {
  if (code < 0x80) {
    return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : String.fromCharCode(code);
  }
  let folded = foldCache.get(code);
  if (folded === undefined) {
    folded = computeFold(code);
    foldCache.set(code, folded);
  }
  return folded;
}

function computeFold(code: number): string {
  // A combining diaeresis after a, o or u is a decomposed umlaut: "u\u0308" folds like "ü".
  if (code === 0x0308) return 'e';
  if (code >= 0xd800 && code <= 0xdfff) return String.fromCharCode(code);
  const lower = String.fromCharCode(code).toLowerCase();
  switch (lower) {
    case 'ä':
      return 'ae';
    case 'ö':
      return 'oe';
    case 'ü':
      return 'ue';
    case 'ß':
    case 'ẞ':
      return 'ss';
    case '\u00ad': // soft hyphen: invisible, splits words in PDFs
      return '';
    default:
      return lower.normalize('NFD').replace(markPattern, '');
  }
}

/** Letters, digits and combining marks form words; everything else separates them. */
export function isWordChar(code: number): boolean {
  if (code < 0x80) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  }
  if (code === 0x00ad) return true;
  let known = wordCache[code]!;
  if (known === 0) {
    known = wordPattern.test(String.fromCharCode(code)) ? 1 : 2;
    wordCache[code] = known;
  }
  return known === 1;
}

/** Folds a whole string (see foldChar). */
export function foldText(text: string): string {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) < 0x80) i++;
  if (i === text.length) return text.toLowerCase();
  let out = text.slice(0, i).toLowerCase();
  for (; i < text.length; i++) out += foldChar(text.charCodeAt(i));
  return out;
}

export interface FoldedText {
  /** Folded text with every run of non-word characters collapsed to one space. */
  text: string;
  /** For each character of `text`, the offset of the original character it came from. */
  origin: Int32Array;
}

/**
 * Folds text for substring search and keeps the way back: `origin[i]` is where `text[i]` came from. Runs of
 * whitespace and punctuation other than `keep` become one space, so a line break in a PDF matches a typed space.
 */
export function foldWithOrigin(text: string, keep: (code: number) => boolean = defaultKeep): FoldedText {
  const chars: string[] = [];
  const origin: number[] = [];
  let pendingSpace = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isWordChar(code) || keep(code)) {
      if (pendingSpace >= 0 && chars.length > 0) {
        chars.push(' ');
        origin.push(pendingSpace);
      }
      pendingSpace = -1;
      const folded = foldChar(code);
      for (let k = 0; k < folded.length; k++) {
        chars.push(folded[k]!);
        origin.push(i);
      }
    } else if (pendingSpace < 0) {
      pendingSpace = i;
    }
  }
  return { text: chars.join(''), origin: Int32Array.from(origin) };
}

/** Punctuation that carries meaning inside a search phrase ("§ 34", "12,5 %", "B-Plan"). */
function defaultKeep(code: number): boolean {
  return code === 0x00a7 || code === 0x25 || code === 0x2c || code === 0x2e || code === 0x2f || code === 0x2d;
}

const vowels = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const sEnding = new Set(['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'r', 't']);
const stEnding = new Set(['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 't']);

/** Start of the Snowball R1 region: after the first non-vowel that follows a vowel, and at least 3. */
function regionOne(word: string): number {
  for (let i = 1; i < word.length; i++) {
    if (!vowels.has(word[i]!) && vowels.has(word[i - 1]!)) return Math.max(3, i + 1);
  }
  return word.length;
}

/**
 * A light German stemmer on folded words: Snowball's inflectional steps 1 and 2 (plural and case endings such as
 * -en, -er, -es, -e, -s and -st) inside R1; derivational suffixes (-ung, -heit, -lich) stay, they change meaning.
 * Numbers and short words are left alone. The result is always a prefix of the input, which prefix search relies on.
 */
export function stemGerman(word: string): string {
  if (word.length < 4 || !/^[a-z]/.test(word)) return word;
  const r1 = regionOne(word);
  let stem = word;
  const inR1 = (suffix: string) => stem.endsWith(suffix) && stem.length - suffix.length >= r1;
  // Step 1
  if (inR1('ern')) stem = stem.slice(0, -3);
  else if (inR1('em') || inR1('en') || inR1('er') || inR1('es')) stem = stem.slice(0, -2);
  else if (inR1('e')) stem = stem.slice(0, -1);
  else if (inR1('s') && sEnding.has(stem[stem.length - 2]!)) stem = stem.slice(0, -1);
  // Step 2
  if (inR1('est')) stem = stem.slice(0, -3);
  else if (inR1('en') || inR1('er')) stem = stem.slice(0, -2);
  else if (inR1('st') && stem.length - 3 >= 3 && stEnding.has(stem[stem.length - 3]!)) stem = stem.slice(0, -2);
  return stem;
}

/** Folded function words that carry no meaning in a search on their own (kept inside quoted phrases). */
export const germanStopwords: ReadonlySet<string> = new Set(
  (
    'aber alle allem allen aller alles als also am an ans auch auf aus bei beim bis bzw da damit dann das dass ' +
    'dem den denen der deren des dessen die dies diese diesem diesen dieser dieses doch dort du durch ein eine ' +
    'einem einen einer eines er es etwa fuer gegen hat hatte haben hier ich ihr ihre im in ins ist ja jedoch kann ' +
    'kein keine mit muss nach nicht noch nur ob oder ohne sehr sei seien sein seine sich sie sind so soll sollen ' +
    'sowie ueber um und uns unter vom von vor war waren was weil wenn werden wie wir wird wo wurde wurden zu zum ' +
    'zur zwischen the of and'
  ).split(' '),
);

export interface Token {
  start: number;
  end: number;
  /** Folded form (lowercase, umlauts as ae/oe/ue, ß as ss), before stemming. */
  folded: string;
}

/** Calls `visit` for every word in `text[from, to)` with its offsets in `text`. */
export function forEachWord(
  text: string,
  visit: (start: number, end: number) => void,
  from = 0,
  to = text.length,
): void {
  let start = -1;
  for (let i = from; i < to; i++) {
    if (isWordChar(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      visit(start, i);
      start = -1;
    }
  }
  if (start >= 0) visit(start, to);
}

/** The words of `text` with offsets and folded forms. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  forEachWord(text, (start, end) => tokens.push({ start, end, folded: foldText(text.slice(start, end)) }));
  return tokens;
}
