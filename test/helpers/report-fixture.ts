/**
 * Fixtures for the report tests, from the REAL corpus: the analysis of corpus/
 * (cached per test process) and an injection corpus (the base directive's file
 * plus a real plan with HTML injected into its title and into a bullet).
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeCorpus } from '../../src/commands/analyze.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CORPUS = path.join(ROOT, 'corpus');
export const SCRIPT = '<script>alert(1)</script>';
export const IMG = '"><img src=x onerror=alert(1)>';

let cached: ReturnType<typeof analyzeCorpus> | null = null;
/** The analysis of corpus/ (documents, diffs, index), computed once per test file. */
export function corpusAnalysis(): ReturnType<typeof analyzeCorpus> {
  return (cached ??= analyzeCorpus(CORPUS));
}

/**
 * A temporary corpus: the file bundling Chỉ thị 50-CT/TW, and the Hai Phong plan with
 * `"><img …>` appended to its title line and a bullet holding `<script>` in section II.
 */
export function injectionCorpus(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rasoat-inject-'));
  copyFileSync(path.join(CORPUS, 'tap-doan-cnnl-ke-hoach-va-chi-thi-50-CT-TW.txt'), path.join(dir, 'base-chi-thi-50.txt'));
  let t = readFileSync(path.join(CORPUS, 'thanh-uy-hai-phong-ke-hoach-thuc-hien-chi-thi-50.txt'), 'utf8');
  const title = /\*\*thực hiện Chỉ thị số 50-CT\/TW[^\n]*?\*\*/.exec(t);
  if (!title) throw new Error('fixture: title line not found');
  t = t.replace(title[0], title[0].replace(/\*\*$/, ` ${IMG}**`));
  const at = t.indexOf('- Hình thức tổ chức:');
  if (at < 0) throw new Error('fixture: bullet not found');
  t = t.slice(0, at) + `- Tổ chức tọa đàm về an toàn thông tin mạng ${SCRIPT} cho cán bộ văn phòng các đảng bộ trực thuộc ${IMG} trong quý IV/2025.\n\n` + t.slice(at);
  writeFileSync(path.join(dir, 'ke-hoach-injection.txt'), t);
  return dir;
}
