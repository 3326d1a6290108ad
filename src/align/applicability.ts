/**
 * Who a requirement is addressed to, at which level, and whether a local plan is expected to restate it —
 * the code that reads the tables of src/vocab: COUNTERPARTS (vocab/organs.ts: each central organ and its
 * counterpart at the levels below) and APPLICABILITY / SPLITS (vocab/applicability.ts).
 */
import { asciiFold } from '../normalize/vi.js';
import { type Tok, tokenize } from './tokens.js';
import { COUNTERPARTS, type CounterpartRow } from '../vocab/organs.js';
import { APPLICABILITY, type ApplicabilityRule } from '../vocab/applicability.js';

export type { CounterpartRow } from '../vocab/organs.js';
export type { ApplicabilityRule } from '../vocab/applicability.js';

const fold = (s: string) => asciiFold(s.normalize('NFC')).toLowerCase().replace(/\s+/gu, ' ');
const CENTRAL = COUNTERPARTS.flatMap((r) => r.central.map((c) => [fold(c), c, r] as const)).sort((a, b) => b[0].length - a[0].length);
const LOCAL = COUNTERPARTS.flatMap((r) => Object.values(r.local).flatMap((l) => (l ?? []).map((c) => [fold(c), r] as const))).sort((a, b) => b[0].length - a[0].length);

/** The central organ a text starts with ("Văn phòng Trung ương Đảng chủ trì …"), with its counterpart row. */
export function centralOrganAt(text: string): { name: string; row: CounterpartRow } | null {
  const t = fold(text).replace(/^(?:giao|de nghi|yeu cau)\s+/u, '');
  for (const [k, name, row] of CENTRAL) if (t.startsWith(k) && !/^[a-z]/u.test(t.slice(k.length, k.length + 1))) return { name, row };
  return null;
}

/**
 * The central organs a requirement names anywhere in its text ("… phối hợp với Học viện Chính trị quốc gia Hồ
 * Chí Minh …", "… báo cáo Ban Bí thư …"), with their counterpart rows, in order, each row once.
 */
export function centralOrgansIn(text: string): { name: string; row: CounterpartRow }[] {
  const t = ' ' + fold(text).replace(/[^a-z0-9 ]+/gu, ' ').replace(/\s+/gu, ' ') + ' ';
  const found: { at: number; name: string; row: CounterpartRow }[] = [];
  for (const [k, name, row] of CENTRAL) {
    const at = t.indexOf(' ' + k.replace(/[^a-z0-9 ]+/gu, ' ').replace(/\s+/gu, ' ') + ' ');
    // a longer name of the same place already found ("Bộ trưởng Bộ Công an" before "Bộ Công an")
    if (at >= 0 && !found.some((f) => f.row === row || (f.at <= at && at < f.at + fold(f.name).length))) found.push({ at, name, row });
  }
  return found.sort((a, b) => a.at - b.at).map(({ name, row }) => ({ name, row }));
}

/** Local organs of a committee above the grassroots (province, district, bloc), longest first, with their row. */
const UPPER_LOCAL = COUNTERPARTS.flatMap((r) =>
  (['tinh', 'huyen', 'khoi'] as const).flatMap((l) => (r.local[l] ?? []).map((c) => [fold(c), c, r] as const)),
).sort((a, b) => b[0].length - a[0].length);

/** The advisory organ of a provincial (district, bloc) committee a text starts with ("Ban Tổ chức Tỉnh ủy chủ trì …"). */
export function localOrganAt(text: string): { name: string; row: CounterpartRow } | null {
  const t = fold(text).replace(/^(?:giao|de nghi|yeu cau)\s+/u, '');
  for (const [k, name, row] of UPPER_LOCAL) if (row.role !== 'ban-thuong-vu' && row.role !== 'cap-uy' && t.startsWith(k) && !/^[a-z]/u.test(t.slice(k.length, k.length + 1))) return { name, row };
  return null;
}

/** Whether a body name is a local counterpart of the given central organ (or of any, when row is null). */
export function isCounterpart(name: string, row: CounterpartRow | null): boolean {
  const t = fold(name);
  return LOCAL.some(([k, r]) => (row === null || r === row) && (t === k || t.startsWith(k + ' ') || t.endsWith(' ' + k)));
}

/** Every local counterpart name as token keys, longest first, with its row. */
const LOCAL_KEYS = COUNTERPARTS.flatMap((r) =>
  Object.values(r.local).flatMap((l) => (l ?? []).map((name) => ({ name, row: r, keys: tokenize(name).map((t) => t.key) }))),
).sort((a, b) => b.keys.length - a.keys.length);

/**
 * The first local counterpart of a central organ (row) named in plan tokens [from, to): its name and token
 * range. A task the plan gives to it is the central organ's task adapted to the level (a body change), and
 * the name stands where the central organ stood: it is part of the match, not local wording.
 */
export function counterpartIn(toks: Tok[], from: number, to: number, row: CounterpartRow): { name: string; at: [number, number] } | null {
  for (let i = from; i < to; i++)
    for (const c of LOCAL_KEYS) {
      if (c.row !== row || i + c.keys.length > to) continue;
      let k = 0;
      while (k < c.keys.length && toks[i + k].key === c.keys[k]) k++;
      if (k === c.keys.length) return { name: c.name, at: [i, i + k] };
    }
  return null;
}

/** The applicability rule a requirement falls under (addressee: the body its point is addressed to). */
export function applicabilityOf(text: string, pointHead: string): ApplicabilityRule | null {
  for (const r of APPLICABILITY) if (r.pattern && r.kind !== 'organises-directive' && r.pattern.test(text)) return r;
  // the addressee is the point's: its first requirement names it
  for (const r of APPLICABILITY) if (r.pattern && r.kind === 'organises-directive' && r.pattern.test(pointHead)) return r;
  if (centralOrganAt(pointHead)) return APPLICABILITY.find((r) => r.id === 'central-addressee')!;
  if (localOrganAt(pointHead)) return APPLICABILITY.find((r) => r.id === 'issuer-organ')!;
  return null;
}
