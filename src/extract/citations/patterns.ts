/**
 * Lexical knowledge for citations of Vietnamese Party and state documents:
 * document kinds (words and symbol codes), issuer codes and their level,
 * date formats, relation cue words. No facts about particular documents.
 */
import { isoIfValid } from '../../normalize/dates.js';
import { foldTones } from '../../normalize/vi.js';

// the kinds (words, symbol codes) are rows of the kinds table
import { KIND_CODES, KIND_WORDS, WORD_CODES } from '../../vocab/kinds.js';
import { type CueRelation, RELATION_CUES } from '../../vocab/citations.js';
export { KIND_CODES, KIND_WORDS, WORD_CODES };

const sp = (w: string) => w.replace(/ /g, '\\s+');
/** alternation of kind words, whitespace-tolerant (line breaks inside a kind word) */
export const KIND_ALT = KIND_WORDS.map(sp).join('|');

export type Level = 'trung-uong' | 'tinh' | 'huyen' | 'dang-uy' | 'xa' | 'nha-nuoc' | 'unknown';

/** Level implied by a Party issuer code ("TW", "BTCTU", "ĐUK" …). */
export function codeLevel(code: string): Level {
  const c = code.toUpperCase();
  if (/TW$/.test(c) || c === 'TƯ') return 'trung-uong';
  if (/(TU|TỈNH|TP)$/.test(c)) return 'tinh';
  if (/^(HU|QU|THU|TX|BTCHU|BTCQU|UBKTHU)$/.test(c) || /(HU|QU|THU|TX)$/.test(c)) return 'huyen';
  if (/^ĐU/.test(c) || /ĐU[A-Z]*$/.test(c) || /ĐUK$/.test(c)) return 'dang-uy';
  if (/^(ĐU|CB|ĐB)/.test(c)) return 'dang-uy';
  return 'unknown';
}

/** Level implied by a written issuer ("Ban Bí thư", "Ban Thường vụ Tỉnh ủy" …). */
export function issuerLevel(issuer: string): Level {
  const s = foldTones(issuer.toLowerCase()).replace(/\s+/g, ' ');
  if (/trung ương|ban bí thư|bộ chính trị|tổng bí thư/.test(s)) return 'trung-uong';
  if (/chính phủ|thủ tướng|quốc hội|ủy ban nhân dân|hội đồng nhân dân|^bộ (?!chính trị)/.test(s)) return 'nha-nuoc';
  if (/tỉnh ủy|thành ủy|đảng bộ tỉnh|đảng bộ thành phố|ban thường vụ tỉnh|(^| )tỉnh$/.test(s)) {
    if (/đảng ủy khối/.test(s)) return 'dang-uy';
    return 'tinh';
  }
  if (/huyện ủy|thị ủy|quận ủy|đảng bộ huyện|đảng bộ thị xã|đảng bộ quận/.test(s)) return 'huyen';
  if (/đảng ủy/.test(s)) return 'dang-uy';
  return 'unknown';
}

/**
 * Whether a Party issuer code contradicts the stated issuer. Only clear
 * contradictions count: a central code ("…/TW") attributed to a local organ or
 * a local code attributed to a central organ; and the organ prefix (BTC = Ban
 * Tổ chức, UBKT = Ủy ban Kiểm tra) against another organ.
 */
export function issuerContradiction(code: string, issuer: string): string | null {
  const cl = codeLevel(code);
  const il = issuerLevel(issuer);
  if (cl === 'unknown' || il === 'unknown' || il === 'nha-nuoc') return null;
  const central = (l: Level) => l === 'trung-uong';
  if (central(cl) !== central(il)) {
    const name: Record<Level, string> = {
      'trung-uong': 'Trung ương',
      tinh: 'cấp tỉnh',
      huyen: 'cấp huyện',
      'dang-uy': 'đảng ủy',
      xa: 'cấp xã',
      'nha-nuoc': 'nhà nước',
      unknown: '?',
    };
    return `ký hiệu "/${code}" là của ${name[cl]} nhưng văn bản được ghi là của ${issuer} (${name[il]})`;
  }
  const c = code.toUpperCase();
  const s = issuer.toLowerCase();
  if (/^BTC/.test(c) && /ban|ủy ban|uỷ ban/.test(s) && !/tổ chức/.test(s) && !/thường vụ|chấp hành/.test(s))
    return `ký hiệu "/${code}" là của Ban Tổ chức nhưng văn bản được ghi là của ${issuer}`;
  if (/^UBKT/.test(c) && !/kiểm tra/.test(s)) return `ký hiệu "/${code}" là của Ủy ban Kiểm tra nhưng văn bản được ghi là của ${issuer}`;
  return null;
}

/**
 * A comparable key for an issuer: lower case, new-style tones ("uỷ"→"ủy"), khóa and trailing
 * "Đảng"/"Trung ương Đảng" after Ban Bí thư/Bộ Chính trị removed.
 */
export function issuerKey(issuer: string): string {
  let s = foldTones(issuer.normalize('NFC'))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*,?\s*kh(?:óa|oá)\s+[ivxlc]+\b.*$/u, '')
    .trim();
  s = s.replace(/ (?:cộng sản việt nam|đảng)$/u, '');
  s = s.replace(/^(ban bí thư|bộ chính trị) trung ương$/u, '$1');
  s = s.replace(/^ban chấp hành trung ương đảng$/u, 'ban chấp hành trung ương');
  return s;
}

/** Two issuers are compatible when one key's words contain the other's (e.g. "Tỉnh ủy" ⊂ "Ban Thường vụ Tỉnh ủy"). */
export function issuersCompatible(a: string, b: string): boolean {
  const ka = issuerKey(a);
  const kb = issuerKey(b);
  if (ka === kb) return true;
  const [s, l] = ka.length <= kb.length ? [ka, kb] : [kb, ka];
  return (' ' + l + ' ').includes(' ' + s + ' ') && issuerLevel(a) === issuerLevel(b);
}

/** Terms (khóa) of the Central Committee by date: first day of each term. */
const TERMS: [string, string][] = [
  ['1996-07-01', 'VIII'],
  ['2001-04-22', 'IX'],
  ['2006-04-25', 'X'],
  ['2011-01-19', 'XI'],
  ['2016-01-28', 'XII'],
  ['2021-02-01', 'XIII'],
  ['2026-01-23', 'XIV'],
];
/** The Central Committee term in force on an ISO date (for central "…/TW" documents only). */
export function centralTerm(iso: string): string | null {
  let t: string | null = null;
  for (const [start, k] of TERMS) if (iso >= start) t = k;
  return t;
}

/** "23/7/2025", "23-7-2025", "23.7.2025", "23 tháng 7 năm 2025" → "2025-07-23" (null if not a real date). */
export function parseViDate(s: string): string | null {
  const m = /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/.exec(s) ?? /(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u.exec(s);
  if (!m) return null;
  return isoIfValid(+m[3], +m[2], +m[1]);
}

/** Relation cue words, tried on the text before a citation (nearest wins, longest at equal end): the rows of RELATION_CUES (vocab/citations.ts). */
export const CUES: { re: RegExp; relation: CueRelation }[] = RELATION_CUES.map((r) => ({ re: r.pattern, relation: r.relation }));
