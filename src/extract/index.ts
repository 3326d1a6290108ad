/**
 * The extract stage: fills a document's citations, deadlines, responsible bodies and tasks.
 */
import type { Diagnostic, Doc, Result } from '../model.js';
import { findCitations } from './citations.js';
import { findDeadlines } from './deadlines.js';
import { findBodies } from './bodies.js';
import { findTasks, linkDeadlines } from './tasks.js';
import { linearizedTables } from './tables.js';

export { findDeadlines } from './deadlines.js';
export { findBodies, classify, roleOf, levelOf, docLevel, normalizeBodyName } from './bodies.js';
export { findTasks } from './tasks.js';

export function extractEntities(doc: Doc): Result<Doc> {
  const diagnostics: Diagnostic[] = [];
  const cit = findCitations(doc);
  diagnostics.push(...cit.diagnostics);
  const dl = findDeadlines(doc);
  diagnostics.push(...dl.diagnostics);
  const bodies = findBodies(doc);
  diagnostics.push(...bodies.diagnostics);
  const tasks = findTasks(doc, bodies.value, dl.value);
  diagnostics.push(...tasks.diagnostics);
  diagnostics.push(...linearizedTables(doc));
  const deadlines = linkDeadlines(dl.value, tasks.value);
  return { value: { ...doc, citations: cit.value, deadlines, bodies: bodies.value, tasks: tasks.value }, diagnostics };
}
