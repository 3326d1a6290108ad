/**
 * Mutation generators for testing the diff: each is a pure function
 * (document text, seed) → { text, truth } that edits a real plan in a way whose
 * effect is known. Reused by the benchmark's synthetic corpus generator.
 *
 *   deletePoints       remove 1–3 points (leaf items, bullets, paragraphs)
 *   reorderPoints      swap two sibling points
 *   paraphrase         rewrite one sentence with meaning-preserving Vietnamese equivalents
 *   changeParameter    change a day ("ngày 03" → "ngày 05"), a frequency ("mỗi quý" → "6 tháng một lần") or a count
 *   insertLocalItem    add a local task (body, action, deadline) as a new paragraph
 *
 * `text` is a single document's normalized text (Doc.text). Truth spans refer to
 * the returned text (for insertions and changes) or to the input text (for deletions).
 */
import type { Segment, Span } from '../src/model.js';
import { segmentDocument } from '../src/segment/index.js';

export type Truth =
  | { kind: 'delete'; removed: { path: string; text: string; span: Span }[] }
  | { kind: 'reorder'; swapped: [string, string] }
  | { kind: 'paraphrase'; span: Span; from: string; to: string }
  | { kind: 'change'; param: 'day' | 'frequency' | 'number'; from: string; to: string; span: Span }
  | { kind: 'insert'; text: string; span: Span }
  | { kind: 'none'; reason: string };

export interface Mutated {
  text: string;
  truth: Truth;
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, xs: T[]): T => xs[Math.floor(r() * xs.length)];

/** Body points of a document: leaves outside header, preamble, recipients and signature, that are not headings. */
function points(text: string): { seg: Segment; parent: Segment | null }[] {
  const segs = segmentDocument(text).value.segments;
  const out: { seg: Segment; parent: Segment | null }[] = [];
  const visit = (s: Segment, parent: Segment | null) => {
    if (['header', 'preamble', 'recipients', 'signature', 'footnote'].includes(s.kind)) return;
    if (s.children.length === 0) {
      if (s.kind !== 'heading' && s.text.split(/\s+/).length >= 8) out.push({ seg: s, parent });
    } else s.children.forEach((c) => visit(c, s));
  };
  segs.forEach((s) => visit(s, null));
  return out;
}

export function deletePoints(text: string, seed: number, count?: number): Mutated {
  const r = rng(seed);
  const pts = points(text);
  if (!pts.length) return { text, truth: { kind: 'none', reason: 'no points' } };
  const n = Math.min(pts.length, count ?? 1 + Math.floor(r() * 3));
  const chosen = new Set<number>();
  while (chosen.size < n) chosen.add(Math.floor(r() * pts.length));
  const removed = [...chosen]
    .map((i) => pts[i].seg)
    .sort((a, b) => a.span[0] - b.span[0])
    .map((s) => ({ path: s.path, text: text.slice(s.span[0], s.span[1]), span: s.span }));
  let out = '';
  let at = 0;
  for (const x of removed) {
    out += text.slice(at, x.span[0]);
    at = x.span[1];
  }
  out += text.slice(at);
  return { text: out, truth: { kind: 'delete', removed } };
}

export function reorderPoints(text: string, seed: number): Mutated {
  const r = rng(seed);
  const pts = points(text);
  // sibling pairs under the same parent
  const groups = new Map<Segment | null, Segment[]>();
  for (const p of pts) groups.set(p.parent, [...(groups.get(p.parent) ?? []), p.seg]);
  const multi = [...groups.values()].filter((g) => g.length >= 2);
  if (!multi.length) return { text, truth: { kind: 'none', reason: 'no sibling points' } };
  const g = pick(r, multi);
  const i = Math.floor(r() * (g.length - 1));
  const [a, b] = [g[i], g[i + 1]];
  const ta = text.slice(a.span[0], a.span[1]);
  const tb = text.slice(b.span[0], b.span[1]);
  // keep each point's own label so that the numbering stays in sequence
  const label = (s: string) => /^\s*(?:\(?[\p{L}\d.]+[.)]|[-–—+•*·])\s+/u.exec(s)?.[0] ?? '';
  const la = label(ta);
  const lb = label(tb);
  const na = la + tb.slice(lb.length);
  const nb = lb + ta.slice(la.length);
  const out = text.slice(0, a.span[0]) + na + text.slice(a.span[1], b.span[0]) + nb + text.slice(b.span[1]);
  return { text: out, truth: { kind: 'reorder', swapped: [a.path, b.path] } };
}

/** Meaning-preserving rewrites (Vietnamese synonyms and equivalent time expressions). */
export const PARAPHRASES: [RegExp, string][] = [
  [/ít nhất mỗi quý 0?1 lần/u, 'tối thiểu 3 tháng một lần'],
  [/hằng tháng|hàng tháng/u, 'mỗi tháng'],
  [/hằng năm|hàng năm/u, 'mỗi năm'],
  [/hằng quý|hàng quý/u, 'mỗi quý'],
  [/bảo đảm/u, 'đảm bảo'],
  [/tăng cường/u, 'đẩy mạnh'],
  [/kịp thời/u, 'nhanh chóng'],
  [/thường xuyên/u, 'liên tục'],
  [/các cấp ủy/u, 'cấp ủy các cấp'],
  [/nâng cao chất lượng/u, 'tăng chất lượng'],
  [/tổ chức thực hiện/u, 'triển khai thực hiện'],
];

export function paraphrase(text: string, seed: number): Mutated {
  const r = rng(seed);
  const pts = points(text);
  const cands: { span: Span }[] = [];
  for (const p of pts)
    for (const c of p.seg.clauses) {
      const t = text.slice(c.span[0], c.span[1]);
      if (PARAPHRASES.some(([re]) => re.test(t))) cands.push({ span: c.span });
    }
  if (!cands.length) return { text, truth: { kind: 'none', reason: 'nothing to paraphrase' } };
  const c = pick(r, cands);
  const from = text.slice(c.span[0], c.span[1]);
  let to = from;
  for (const [re, rep] of PARAPHRASES) to = to.replace(re, rep);
  const out = text.slice(0, c.span[0]) + to + text.slice(c.span[1]);
  return { text: out, truth: { kind: 'paraphrase', span: [c.span[0], c.span[0] + to.length], from, to } };
}

const FREQ_SWAP: Record<string, string[]> = {
  'mỗi quý': ['6 tháng một lần', 'hằng năm'],
  'hằng quý': ['6 tháng một lần', 'hằng năm'],
  'hàng quý': ['hằng năm', '6 tháng một lần'],
  'hằng tháng': ['hằng quý', '2 tháng một lần'],
  'hàng tháng': ['hằng quý', '2 tháng một lần'],
  'hằng năm': ['2 năm một lần', 'hằng quý'],
  'hàng năm': ['2 năm một lần', 'hằng quý'],
};

export function changeParameter(text: string, seed: number, only?: 'day' | 'frequency' | 'number'): Mutated {
  const r = rng(seed);
  const body = bodyRange(text);
  const cands: { param: 'day' | 'frequency' | 'number'; span: Span; from: string; to: string }[] = [];
  for (const m of text.matchAll(/ngày\s+\**(\d{1,2})\**(?=\s+(?:hằng|hàng|mỗi)\s+tháng)/gu)) {
    const d = Number(m[1]);
    const nd = ((d + 1 + Math.floor(r() * 5)) % 28) + 1;
    const s = m.index! + m[0].indexOf(m[1]);
    cands.push({ param: 'day', span: [s, s + m[1].length], from: m[1], to: String(nd).padStart(2, '0') });
  }
  for (const m of text.matchAll(/(?<![\p{L}])(mỗi quý|hằng quý|hàng quý|hằng tháng|hàng tháng|hằng năm|hàng năm)(?![\p{L}])/gu)) {
    // "ngày 03 hằng tháng" is a day of the month: its frequency is the day's, leave it to the day rule
    if (/ngày\s+\**\d{1,2}\**\s*$/u.test(text.slice(Math.max(0, m.index! - 12), m.index!))) continue;
    // before a count ("mỗi quý 01 lần") the replacement must not carry its own "một lần"
    const counted = /^\s+\**0?\d+\**\s+lần/u.test(text.slice(m.index! + m[0].length, m.index! + m[0].length + 12));
    const to = pick(r, FREQ_SWAP[m[0]]).replace(/^(\d+) (tháng|năm) một lần$/u, counted ? 'mỗi $1 $2' : '$1 $2 một lần');
    cands.push({ param: 'frequency', span: [m.index!, m.index! + m[0].length], from: m[0], to });
  }
  for (const m of text.matchAll(/(?<![\p{L}\d/.-])(\d{1,3})(?=\s+(?:lần|ngày|tháng|năm|đồng chí)(?![\p{L}]))/gu)) {
    const before = text.slice(Math.max(0, m.index! - 8), m.index!);
    if (/ngày\s*$|tháng\s*$|\/\s*$/u.test(before)) continue;
    const n = Number(m[1]);
    const to = String(n + 1 + Math.floor(r() * 3)).padStart(m[1].length, '0');
    cands.push({ param: 'number', span: [m.index!, m.index! + m[1].length], from: m[1], to });
  }
  const usable = cands.filter((c) => c.span[0] >= body[0] && c.span[1] <= body[1] && (!only || c.param === only));
  if (!usable.length) return { text, truth: { kind: 'none', reason: 'no parameter to change' } };
  const c = pick(r, usable);
  const out = text.slice(0, c.span[0]) + c.to + text.slice(c.span[1]);
  return { text: out, truth: { kind: 'change', param: c.param, from: c.from, to: c.to, span: [c.span[0], c.span[0] + c.to.length] } };
}

/** The body of a document (after the preamble, before recipients/signature). */
function bodyRange(text: string): Span {
  const segs = segmentDocument(text).value.segments;
  const body = segs.filter((s) => !['header', 'preamble', 'recipients', 'signature'].includes(s.kind));
  if (!body.length) return [0, text.length];
  return [body[0].span[0], body[body.length - 1].span[1]];
}

const BODIES = ['Ban Tổ chức', 'Văn phòng', 'Ban Tuyên giáo và Dân vận', 'Ủy ban Kiểm tra', 'Đảng ủy các xã, phường', 'Trung tâm Chính trị'];
const TASKS = [
  'xây dựng đề án thí điểm mô hình "thôn, bản không có người sử dụng ma túy" gắn với phát triển du lịch cộng đồng',
  'tổ chức hội thi tìm hiểu lịch sử Đảng bộ địa phương cho đoàn viên thanh niên các trường trung học phổ thông',
  'phối hợp với ngân hàng chính sách xã hội rà soát hộ nghèo, hộ cận nghèo để hỗ trợ vốn vay trồng cây ăn quả',
  'lắp đặt hệ thống camera giám sát tại hội trường, nhà văn hóa các thôn, bản vùng cao để phục vụ công tác an ninh trật tự',
  'biên tập bộ sách ảnh truyền thống cách mạng của Đảng bộ huyện nhân dịp kỷ niệm ngày thành lập',
  'khảo sát nhu cầu nước sạch sinh hoạt của đồng bào các dân tộc vùng biên giới để đề xuất nguồn vốn đầu tư',
  'tổ chức giải bóng đá thanh niên chào mừng đại hội đoàn các cấp, gắn với tuyên truyền phòng chống đuối nước',
  'triển khai phần mềm quản lý văn bản điều hành liên thông đến Ủy ban nhân dân các xã sau sắp xếp đơn vị hành chính',
];
const DEADLINES = ['hoàn thành trước ngày 30/6/2026', 'trong quý IV năm 2025', 'báo cáo kết quả trước ngày 15/12/2025', 'thực hiện trong năm 2026'];

export function insertLocalItem(text: string, seed: number): Mutated {
  const r = rng(seed);
  const pts = points(text);
  if (!pts.length) return { text, truth: { kind: 'none', reason: 'no points' } };
  const after = pick(r, pts).seg;
  const item = `${pick(r, BODIES)} chủ trì ${pick(r, TASKS)}, ${pick(r, DEADLINES)}.`;
  const at = after.span[1];
  const insert = `\n\n${item}`;
  const out = text.slice(0, at) + insert + text.slice(at);
  return { text: out, truth: { kind: 'insert', text: item, span: [at + 2, at + 2 + item.length] } };
}

export const MUTATIONS = { deletePoints, reorderPoints, paraphrase, changeParameter, insertLocalItem };

// ---------------------------------------------------------------- plans derived from the directive itself

/**
 * Rewrites a drafting officer makes without changing what is asked (thesaurus of the domain, written
 * independently of the diff's own tables so the mutation set does not test them against themselves).
 */
export const REWORDINGS: [RegExp, string][] = [
  [/kiện toàn/u, 'củng cố'],
  [/cấp uỷ viên|cấp ủy viên/u, 'đảng ủy viên'],
  [/định kỳ hằng quý/u, 'mỗi quý'],
  [/ngày 03 hàng tháng/u, 'ngày mồng 3 hằng tháng'],
  [/mỗi quý 1 lần/u, 'mỗi quý một lần'],
  [/bảo đảm/u, 'đảm bảo'],
  [/Thường xuyên/u, 'Định kỳ'],
  [/tăng cường/iu, 'đẩy mạnh'],
  [/uỷ/gu, 'ủy'],
  [/hoà/gu, 'hòa'],
  [/nhất là/u, 'đặc biệt là'],
];

/** Central organs and their counterpart in a province (for the counterpart-swap mutation). */
export const PROVINCIAL_COUNTERPARTS: [RegExp, string][] = [
  [/Các tỉnh uỷ, thành uỷ, đảng uỷ trực thuộc Trung ương/u, 'Các đảng ủy trực thuộc Tỉnh ủy'],
  [/Ban Tuyên giáo và Dân vận Trung ương/u, 'Ban Tuyên giáo và Dân vận Tỉnh ủy'],
  [/Học viện Chính trị quốc gia Hồ Chí Minh/u, 'Trường Chính trị tỉnh'],
  [/Văn phòng Trung ương Đảng/u, 'Văn phòng Tỉnh ủy'],
  [/Ban Tổ chức Trung ương/u, 'Ban Tổ chức Tỉnh ủy'],
  [/báo cáo Ban Bí thư/u, 'báo cáo Ban Thường vụ Tỉnh ủy'],
  [/trong toàn Đảng bộ/u, 'trong Đảng bộ tỉnh'],
  [/trong toàn Đảng/u, 'trong Đảng bộ tỉnh'],
];

export type DerivedExpect = 'present' | 'omitted' | 'partial' | 'not-applicable';
export type DerivedOp = 'keep' | 'reword' | 'drop' | 'condense' | 'split' | 'compound' | 'counterpart';
export interface DerivedPlan {
  text: string;
  /** per requirement of the base (by index in the list passed in): what the plan does with it and what the diff should say */
  truth: { op: DerivedOp; expect: DerivedExpect }[];
}

/**
 * A plan written from the directive by a lower level: each requirement kept, reworded, dropped, condensed
 * to its first words (partial), split across two bullets, joined with the next one into one sentence
 * (compound), and the tasks of central organs given to their provincial counterparts. `reqs` are the
 * base's requirements in order with their point ("2", "9.-3") and text; `central` says which are addressed
 * only to a central organ or are the directive's own effect clause (dropped → not-applicable).
 */
export function derivePlan(reqs: { path: string; text: string }[], seed: number, central: (i: number) => boolean): DerivedPlan {
  const r = rng(seed);
  const sentence = (t: string) => {
    const s = t.trim().replace(/[;,.:]+$/u, '');
    return s.charAt(0).toUpperCase() + s.slice(1) + '.';
  };
  const truth: DerivedPlan['truth'] = reqs.map(() => ({ op: 'keep', expect: 'present' }));
  const items = new Map<string, string[]>();
  for (let i = 0; i < reqs.length; i++) {
    const q = reqs[i];
    const point = q.path.startsWith('9') ? '9' : q.path;
    const out = items.get(point) ?? [];
    items.set(point, out);
    let text = q.text;
    const words = text.split(/\s+/u);
    const x = r();
    const hasCentral = PROVINCIAL_COUNTERPARTS.some(([re]) => re.test(text));
    if (central(i) && !hasCentral && x < 0.5) {
      truth[i] = { op: 'drop', expect: 'not-applicable' };
      continue;
    }
    if (hasCentral && x < 0.7) {
      for (const [re, to] of PROVINCIAL_COUNTERPARTS) text = text.replace(re, to);
      truth[i] = { op: 'counterpart', expect: 'present' };
      out.push(sentence(text));
      continue;
    }
    if (x < 0.2) {
      truth[i] = { op: 'drop', expect: central(i) ? 'not-applicable' : 'omitted' };
      continue;
    }
    if (x < 0.3 && words.length >= 14) {
      // a condensed mention: the first third of the requirement
      truth[i] = { op: 'condense', expect: 'partial' };
      out.push(sentence(words.slice(0, Math.max(5, Math.round(words.length / 3))).join(' ')));
      continue;
    }
    if (x < 0.5) {
      for (const [re, to] of REWORDINGS) text = text.replace(re, to);
      truth[i] = { op: 'reword', expect: 'present' };
      out.push(sentence(text));
      continue;
    }
    const commas = [...text.matchAll(/, /gu)].map((m) => m.index!).filter((k) => k > text.length * 0.3 && k < text.length * 0.7);
    if (x < 0.6 && commas.length && words.length >= 16) {
      // one requirement restated across two bullets of the item
      const k = commas[0];
      truth[i] = { op: 'split', expect: 'present' };
      out.push('- ' + sentence(text.slice(0, k)), '- ' + sentence(text.slice(k + 2)));
      continue;
    }
    if (x < 0.7 && i + 1 < reqs.length && reqs[i + 1].path === q.path && !central(i + 1)) {
      // two requirements joined into one sentence
      const next = reqs[i + 1].text.trim().replace(/[;,.:]+$/u, '');
      truth[i] = { op: 'compound', expect: 'present' };
      truth[i + 1] = { op: 'compound', expect: 'present' };
      out.push(sentence(text.replace(/[;,.:]+\s*$/u, '') + '; đồng thời ' + next.charAt(0).toLowerCase() + next.slice(1)));
      i++;
      continue;
    }
    out.push(sentence(text));
  }
  const lines = [
    'ĐẢNG BỘ TỈNH NAM SƠN',
    'TỈNH ỦY NAM SƠN',
    '*',
    `Số ${10 + (seed % 80)}-KH/TU`,
    '',
    'ĐẢNG CỘNG SẢN VIỆT NAM',
    '',
    'Nam Sơn, ngày 20 tháng 8 năm 2025',
    '',
    'KẾ HOẠCH',
    'thực hiện Chỉ thị số 50-CT/TW của Ban Bí thư về tiếp tục đổi mới và nâng cao chất lượng sinh hoạt chi bộ trong giai đoạn mới',
    '',
    'Thực hiện Chỉ thị số 50-CT/TW, ngày 23/7/2025 của Ban Bí thư, Ban Thường vụ Tỉnh ủy xây dựng Kế hoạch thực hiện như sau:',
    '',
    'I. NHIỆM VỤ, GIẢI PHÁP',
    '',
  ];
  let n = 0;
  for (const [point, sents] of items) {
    if (point === '9' || !sents.length) continue;
    n++;
    const bullets = sents.filter((s) => s.startsWith('- '));
    const prose = sents.filter((s) => !s.startsWith('- '));
    lines.push(`${n}. ${prose.join(' ') || 'Nhiệm vụ:'}`, '');
    for (const b of bullets) lines.push(b, '');
  }
  const nine = items.get('9') ?? [];
  if (nine.length) {
    lines.push('II. TỔ CHỨC THỰC HIỆN', '');
    for (const s of nine) lines.push(s.startsWith('- ') ? s : '- ' + s, '');
  }
  lines.push('Nơi nhận:', '- Các đảng ủy trực thuộc,', '- Lưu Văn phòng Tỉnh ủy.', '', 'T/M BAN THƯỜNG VỤ', 'BÍ THƯ', '', 'Hoàng Văn Sơn', '');
  return { text: lines.join('\n'), truth };
}
