/**
 * The research dataset: every document, segment, clause, citation, deadline, task,
 * body, requirement, diff result and local addition of an analysis as relational
 * tables (SQLite), with foreign keys, indexes, Vietnamese label tables, views and a
 * full-text index over every clause that folds tone marks ("uy ban" finds "Ủy ban"
 * and "Uỷ ban").
 *
 * `createSchema(db)` + `fillDataset(db, analysis)` fill any better-sqlite3 database
 * (the `rasoat export --sqlite` file, the workbench database); `datasetSqlite(a)`
 * returns a whole database file as bytes. docs/dataset.md documents every table.
 */
import Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Segment } from '../model.js';
import { clusterAdditions } from './cluster.js';
import { type Analysis, CHANGE_LABEL, DEADLINE_KIND_LABEL, REACHES_LABEL, RELATION_LABEL, STATUS_LABEL, docName, refKey, shortName } from './common.js';
import { additionItems } from './matrix.js';
import { DECISION_LABEL } from '../vocab/columns.js';
import { replacementInfo } from './citegraph.js';
import { visit } from '../segment/tree.js';

type DB = Database.Database;

export const SCHEMA_VERSION = 1;

/** Folding for FTS5: remove_diacritics 2 strips tone and vowel marks; đ/Đ are folded by `ftsText`. */
export const FTS_TOKENIZER = "unicode61 remove_diacritics 2 tokenchars '-/'";

/**
 * The text stored in the full-text index: as written, except đ/Đ → d/D (unicode61 treats
 * "đ" as a letter of its own, not "d" with a mark, so without this "dang" would not find
 * "Đảng"). Queries go through the same function (`ftsQuery`).
 */
export const ftsText = (s: string): string => s.replace(/đ/g, 'd').replace(/Đ/g, 'D');

/** A user's words → an FTS5 query: each word quoted (no operator injection), đ folded, all required. */
export function ftsQuery(words: string): string {
  return ftsText(words)
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `"${w.replace(/"/g, '""')}"`)
    .join(' ');
}

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS dataset_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- labels (Vietnamese) of the English codes used in the tables
CREATE TABLE IF NOT EXISTS status_labels (status TEXT PRIMARY KEY, label TEXT NOT NULL, rank INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS relation_labels (relation TEXT PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deadline_kind_labels (kind TEXT PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS change_kind_labels (kind TEXT PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS verdict_labels (verdict TEXT PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reaches_labels (reaches TEXT PRIMARY KEY, label TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL, idx INTEGER NOT NULL,
  format TEXT NOT NULL, sha256 TEXT,
  name TEXT NOT NULL, short_name TEXT NOT NULL,
  kind TEXT, symbol TEXT, date TEXT, place TEXT, issuer TEXT, title TEXT,
  signer_name TEXT, signer_role TEXT, recipients TEXT,
  role TEXT NOT NULL CHECK (role IN ('plan','base','other')),
  text TEXT NOT NULL,
  UNIQUE (file, idx)
);

CREATE TABLE IF NOT EXISTS segments (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  parent_id INTEGER REFERENCES segments(id) ON DELETE CASCADE,
  seg_id TEXT NOT NULL, ord INTEGER NOT NULL, depth INTEGER NOT NULL,
  path TEXT NOT NULL, kind TEXT NOT NULL, label TEXT, heading TEXT, text TEXT NOT NULL,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
  UNIQUE (document_id, seg_id)
);
CREATE INDEX IF NOT EXISTS segments_doc_path ON segments(document_id, path);
CREATE INDEX IF NOT EXISTS segments_parent ON segments(parent_id);

CREATE TABLE IF NOT EXISTS clauses (
  id INTEGER PRIMARY KEY,
  segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL, path TEXT NOT NULL, text TEXT NOT NULL,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS clauses_doc ON clauses(document_id);
CREATE INDEX IF NOT EXISTS clauses_segment ON clauses(segment_id);

-- full text of every clause; tone marks folded (uy = ủy = uỷ), đ = d
CREATE VIRTUAL TABLE IF NOT EXISTS clauses_fts USING fts5(text, tokenize = "${FTS_TOKENIZER}");

CREATE TABLE IF NOT EXISTS cited_documents (
  key TEXT PRIMARY KEY,
  cited_id TEXT NOT NULL, kind TEXT, number TEXT, symbol TEXT, date TEXT, issuer TEXT, title TEXT, khoa TEXT,
  document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
  replaced_by TEXT REFERENCES cited_documents(key),
  conflicts TEXT
);
CREATE INDEX IF NOT EXISTS cited_documents_id ON cited_documents(cited_id);

CREATE TABLE IF NOT EXISTS citations (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  cited_key TEXT REFERENCES cited_documents(key),
  cited_id TEXT NOT NULL, kind TEXT, number TEXT, symbol TEXT, date TEXT, issuer TEXT, title TEXT, khoa TEXT,
  relation TEXT NOT NULL REFERENCES relation_labels(relation), form TEXT NOT NULL,
  text TEXT NOT NULL, path TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS citations_doc ON citations(document_id);
CREATE INDEX IF NOT EXISTS citations_cited ON citations(cited_key);

-- document → cited document, strongest relation per pair (the citation graph)
CREATE TABLE IF NOT EXISTS relations (
  from_document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
  from_key TEXT NOT NULL,
  to_key TEXT NOT NULL REFERENCES cited_documents(key),
  relation TEXT NOT NULL REFERENCES relation_labels(relation)
);
CREATE INDEX IF NOT EXISTS relations_to ON relations(to_key);

CREATE TABLE IF NOT EXISTS bodies (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  body_key TEXT NOT NULL, name TEXT NOT NULL, level TEXT NOT NULL, role TEXT NOT NULL,
  mentions INTEGER NOT NULL,
  UNIQUE (document_id, body_key)
);
CREATE INDEX IF NOT EXISTS bodies_key ON bodies(body_key);

CREATE TABLE IF NOT EXISTS tasks (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  task_id TEXT NOT NULL, path TEXT NOT NULL, text TEXT NOT NULL,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
  UNIQUE (document_id, task_id)
);
CREATE TABLE IF NOT EXISTS task_bodies (
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  body_id INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
  part TEXT NOT NULL CHECK (part IN ('lead','support')),
  PRIMARY KEY (task_id, body_id, part)
);
CREATE INDEX IF NOT EXISTS task_bodies_body ON task_bodies(body_id);

CREATE TABLE IF NOT EXISTS deadlines (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  task_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
  ord INTEGER NOT NULL, text TEXT NOT NULL,
  kind TEXT NOT NULL REFERENCES deadline_kind_labels(kind),
  due TEXT, rrule TEXT, event TEXT, offset_days INTEGER,
  path TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS deadlines_doc ON deadlines(document_id);
CREATE INDEX IF NOT EXISTS deadlines_due ON deadlines(due);

CREATE TABLE IF NOT EXISTS requirements (
  id INTEGER PRIMARY KEY,
  base_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  req_id TEXT NOT NULL, path TEXT NOT NULL, text TEXT NOT NULL,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
  UNIQUE (base_document_id, req_id)
);

CREATE TABLE IF NOT EXISTS diffs (
  id INTEGER PRIMARY KEY,
  plan_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  base_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  covered INTEGER NOT NULL, adapted INTEGER NOT NULL, partial INTEGER NOT NULL, omitted INTEGER NOT NULL,
  additions INTEGER NOT NULL, coverage REAL NOT NULL,
  UNIQUE (plan_document_id, base_document_id)
);

CREATE TABLE IF NOT EXISTS diff_results (
  id INTEGER PRIMARY KEY,
  diff_id INTEGER NOT NULL REFERENCES diffs(id) ON DELETE CASCADE,
  requirement_id INTEGER NOT NULL REFERENCES requirements(id) ON DELETE CASCADE,
  status TEXT NOT NULL REFERENCES status_labels(status),
  score REAL, missing TEXT,
  UNIQUE (diff_id, requirement_id)
);
CREATE INDEX IF NOT EXISTS diff_results_req ON diff_results(requirement_id, status);

CREATE TABLE IF NOT EXISTS matches (
  id INTEGER PRIMARY KEY,
  diff_result_id INTEGER NOT NULL REFERENCES diff_results(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL, path TEXT NOT NULL, text TEXT NOT NULL, score REAL NOT NULL,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS matches_result ON matches(diff_result_id);

CREATE TABLE IF NOT EXISTS changes (
  id INTEGER PRIMARY KEY,
  diff_result_id INTEGER NOT NULL REFERENCES diff_results(id) ON DELETE CASCADE,
  kind TEXT NOT NULL REFERENCES change_kind_labels(kind),
  from_text TEXT, to_text TEXT, note TEXT
);
CREATE INDEX IF NOT EXISTS changes_result ON changes(diff_result_id);
CREATE INDEX IF NOT EXISTS changes_kind ON changes(kind);

CREATE TABLE IF NOT EXISTS additions (
  id INTEGER PRIMARY KEY,
  diff_id INTEGER NOT NULL REFERENCES diffs(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL, kind TEXT NOT NULL, path TEXT NOT NULL, text TEXT NOT NULL,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
  cluster INTEGER NOT NULL, cluster_plans INTEGER NOT NULL,
  citations TEXT, deadlines TEXT, bodies TEXT
);
CREATE INDEX IF NOT EXISTS additions_cluster ON additions(cluster);

-- chains of bases (a plan implementing a directive and an intermediate plan that implements it, "Thực hiện Chỉ thị
-- 50 … và Kế hoạch số 25-KH/TU của Tỉnh ủy"): one row per plan × intermediate plan × requirement of the directive.
-- The plan's diffs against each of its bases are rows of diffs; here, how the intermediate carries the requirement
-- (its diff against the directive), through which of its requirements (req_id of the intermediate, " | "), the
-- best status of those in the plan, the status in the plan's own diff against the directive, and whether the
-- requirement reaches the plan: both, direct, through, no, not-applicable. Empty when no plan names such a chain.
CREATE TABLE IF NOT EXISTS transitive (
  id INTEGER PRIMARY KEY,
  plan_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  directive_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  via_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  requirement_id INTEGER NOT NULL REFERENCES requirements(id) ON DELETE CASCADE,
  intermediate_status TEXT NOT NULL REFERENCES status_labels(status),
  via_requirements TEXT,
  via_status TEXT REFERENCES status_labels(status),
  direct_status TEXT REFERENCES status_labels(status),
  reaches TEXT NOT NULL REFERENCES reaches_labels(reaches),
  UNIQUE (plan_document_id, via_document_id, requirement_id)
);
CREATE INDEX IF NOT EXISTS transitive_plan ON transitive(plan_document_id, reaches);

-- reviewers' verdicts on a diff result or a local addition, every row of their history (filled by the
-- workbench, rasoat serve; empty in a plain export). verdict is NULL for a note alone.
CREATE TABLE IF NOT EXISTS verdicts (
  id INTEGER PRIMARY KEY,
  diff_result_id INTEGER REFERENCES diff_results(id) ON DELETE CASCADE,
  addition_id INTEGER REFERENCES additions(id) ON DELETE CASCADE,
  verdict TEXT REFERENCES verdict_labels(verdict),
  reason TEXT, link_path TEXT, note TEXT, author TEXT, created_at TEXT,
  base_fp TEXT, plan_fp TEXT,
  CHECK (diff_result_id IS NOT NULL OR addition_id IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS verdicts_result ON verdicts(diff_result_id);
CREATE INDEX IF NOT EXISTS verdicts_addition ON verdicts(addition_id);

-- one row per plan × requirement, with names and labels: the table most questions start from
CREATE VIEW IF NOT EXISTS requirement_status AS
SELECT p.id AS plan_document_id, p.short_name AS plan, b.short_name AS base,
       q.id AS requirement_id, q.req_id, q.path AS requirement_path, q.text AS requirement_text,
       r.id AS diff_result_id, r.status, s.label AS status_label, r.score,
       (SELECT count(*) FROM changes c WHERE c.diff_result_id = r.id) AS changes
FROM diff_results r JOIN diffs d ON d.id = r.diff_id
JOIN documents p ON p.id = d.plan_document_id JOIN documents b ON b.id = d.base_document_id
JOIN requirements q ON q.id = r.requirement_id JOIN status_labels s ON s.status = r.status;

-- clause search with the document and place: SELECT * FROM clause_search WHERE clause_search MATCH 'uy ban'
CREATE VIEW IF NOT EXISTS clause_hits AS
SELECT c.id AS clause_id, d.short_name AS document, d.file, d.idx, c.path, c.text, c.span_start, c.span_end
FROM clauses c JOIN documents d ON d.id = c.document_id;
`;

/** Create the tables (idempotent). */
export function createSchema(db: DB): void {
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
}

const join = (xs: string[]) => (xs.length ? xs.join(' | ') : null);

/**
 * Fill the tables from an analysis (after `createSchema`). Deterministic ids: documents in
 * analysis order, everything else in document order. Runs in one transaction.
 */
export function fillDataset(db: DB, a: Analysis, opts: { generator?: string } = {}): void {
  createSchema(db);
  const run = db.transaction(() => {
    const info = db.prepare('INSERT OR REPLACE INTO dataset_info (key, value) VALUES (?, ?)');
    info.run('schema_version', String(SCHEMA_VERSION));
    info.run('generator', opts.generator ?? 'rasoat');
    info.run('fts_tokenizer', FTS_TOKENIZER);
    info.run('fts_note', 'clauses_fts.text has đ/Đ written as d/D; query with the same folding (ftsQuery)');
    const lab = (table: string, col: string, m: Record<string, string>, rank = false) => {
      const st = db.prepare(`INSERT OR REPLACE INTO ${table} (${col}, label${rank ? ', rank' : ''}) VALUES (?, ?${rank ? ', ?' : ''})`);
      Object.entries(m).forEach(([k, v], i) => (rank ? st.run(k, v, i) : st.run(k, v)));
    };
    lab('status_labels', 'status', { omitted: STATUS_LABEL.omitted, partial: STATUS_LABEL.partial, adapted: STATUS_LABEL.adapted, covered: STATUS_LABEL.covered, 'not-applicable': STATUS_LABEL['not-applicable'] }, true);
    lab('relation_labels', 'relation', RELATION_LABEL);
    lab('deadline_kind_labels', 'kind', DEADLINE_KIND_LABEL);
    lab('change_kind_labels', 'kind', CHANGE_LABEL);
    lab('verdict_labels', 'verdict', DECISION_LABEL);
    lab('reaches_labels', 'reaches', REACHES_LABEL);

    // documents
    const plans = new Set(a.diffs.map((d) => refKey(d.plan)));
    // a plan's diffs against the other bases of its chain are diffs too (their bases are bases)
    const allDiffs = a.diffs.flatMap((d) => [d, ...(d.chain?.diffs ?? [])]);
    const bases = new Set(allDiffs.map((d) => refKey(d.base)));
    const docId = new Map<string, number>();
    const insDoc = db.prepare(
      'INSERT INTO documents (file, idx, format, sha256, name, short_name, kind, symbol, date, place, issuer, title, signer_name, signer_role, recipients, role, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
    );
    for (const d of a.docs) {
      const k = refKey(d.source);
      const role = plans.has(k) ? 'plan' : bases.has(k) ? 'base' : 'other';
      const m = d.meta;
      const r = insDoc.run(d.source.file, d.source.index, d.source.format, d.source.sha256 ?? null, docName(d), shortName(d), m.kind, m.symbol, m.date, m.place, m.issuer, m.title, m.signer.name, m.signer.role, join(m.recipients), role, d.text);
      docId.set(k, Number(r.lastInsertRowid));
    }

    // segments, clauses, full text
    const insSeg = db.prepare('INSERT INTO segments (document_id, parent_id, seg_id, ord, depth, path, kind, label, heading, text, span_start, span_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
    const insClause = db.prepare('INSERT INTO clauses (segment_id, document_id, ord, path, text, span_start, span_end) VALUES (?,?,?,?,?,?,?)');
    const insFts = db.prepare('INSERT INTO clauses_fts (rowid, text) VALUES (?, ?)');
    for (const d of a.docs) {
      const did = docId.get(refKey(d.source))!;
      const segRow = new Map<Segment, number>();
      let ord = 0;
      visit(d.segments, (s, ancestors) => {
        const parent = ancestors.length ? ancestors[ancestors.length - 1] : null;
        const r = insSeg.run(did, parent ? segRow.get(parent)! : null, s.id, ord++, ancestors.length, s.path, s.kind, s.label, s.heading, s.text, s.span[0], s.span[1]);
        const sid = Number(r.lastInsertRowid);
        segRow.set(s, sid);
        s.clauses.forEach((c, i) => {
          const cr = insClause.run(sid, did, i, s.path, c.text, c.span[0], c.span[1]);
          insFts.run(cr.lastInsertRowid, ftsText(c.text));
        });
      });
    }

    // cited documents, citations, relations
    const repl = replacementInfo(a);
    const insCited = db.prepare('INSERT INTO cited_documents (key, cited_id, kind, number, symbol, date, issuer, title, khoa, document_id, replaced_by, conflicts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
    for (const e of a.index.documents)
      insCited.run(e.key, e.id, e.kind, e.number, e.symbol, e.date, e.issuer, e.title, e.khoa, e.inCorpus ? docId.get(refKey(e.inCorpus)) ?? null : null, null, join(e.conflicts));
    // a replacing document no other document cites (the base alone, its own "Chỉ thị này thay thế …") has no
    // row of its own to point to: the replacement is then left out rather than breaking the foreign key
    const setRepl = db.prepare('UPDATE cited_documents SET replaced_by = @by WHERE key = @old AND EXISTS (SELECT 1 FROM cited_documents WHERE key = @by)');
    for (const [old, by] of repl.replacedBy) setRepl.run({ by, old });
    const keyOfCitation = new Map<string, string>();
    for (const e of a.index.documents) for (const c of e.citedBy) keyOfCitation.set(`${refKey(c)}@${c.span[0]}`, e.key);
    const insCit = db.prepare('INSERT INTO citations (document_id, cited_key, cited_id, kind, number, symbol, date, issuer, title, khoa, relation, form, text, path, span_start, span_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
    for (const d of a.docs)
      for (const c of d.citations)
        insCit.run(docId.get(refKey(d.source))!, keyOfCitation.get(`${refKey(d.source)}@${c.span[0]}`) ?? null, c.id, c.kind, c.number, c.symbol, c.date, c.issuer, c.title, c.khoa ?? null, c.relation, c.form, c.text, c.path, c.span[0], c.span[1]);
    const insRel = db.prepare('INSERT INTO relations (from_document_id, from_key, to_key, relation) VALUES (?,?,?,?)');
    const keyDoc = new Map(a.index.documents.filter((e) => e.inCorpus).map((e) => [e.key, refKey(e.inCorpus!)]));
    for (const r of a.index.relations) {
      const fromDoc = docId.get(r.from) ?? docId.get(keyDoc.get(r.from) ?? '') ?? null;
      insRel.run(fromDoc, r.from, r.to, r.relation);
    }

    // bodies, tasks, deadlines
    const insBody = db.prepare('INSERT INTO bodies (document_id, body_key, name, level, role, mentions) VALUES (?,?,?,?,?,?)');
    const insTask = db.prepare('INSERT INTO tasks (document_id, task_id, path, text, span_start, span_end) VALUES (?,?,?,?,?,?)');
    const insTB = db.prepare('INSERT OR IGNORE INTO task_bodies (task_id, body_id, part) VALUES (?,?,?)');
    const insDl = db.prepare('INSERT INTO deadlines (document_id, task_id, ord, text, kind, due, rrule, event, offset_days, path, span_start, span_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
    for (const d of a.docs) {
      const did = docId.get(refKey(d.source))!;
      const bodyRow = new Map<string, number>();
      for (const b of d.bodies) bodyRow.set(b.id, Number(insBody.run(did, b.id, b.name, b.level, b.role, b.mentions.length).lastInsertRowid));
      const taskRow = new Map<string, number>();
      for (const t of d.tasks) {
        const tid = Number(insTask.run(did, t.id, t.path, t.text, t.span[0], t.span[1]).lastInsertRowid);
        taskRow.set(t.id, tid);
        for (const [part, ids] of [['lead', t.lead], ['support', t.support]] as const)
          for (const b of ids) {
            if (!bodyRow.has(b)) bodyRow.set(b, Number(insBody.run(did, b, b, b.split('@')[1] ?? 'unknown', b.split('@')[0] ?? 'other', 0).lastInsertRowid));
            insTB.run(tid, bodyRow.get(b)!, part);
          }
      }
      d.deadlines.forEach((x, i) => {
        const owner = x.task ?? d.tasks.find((t) => t.deadlines.includes(i))?.id ?? null;
        insDl.run(did, owner ? taskRow.get(owner) ?? null : null, i, x.text, x.kind, x.due, x.rrule, x.event, x.offsetDays, x.path, x.span[0], x.span[1]);
      });
    }

    // requirements, diffs, results, matches, changes, additions
    const insReq = db.prepare('INSERT OR IGNORE INTO requirements (base_document_id, req_id, path, text, span_start, span_end) VALUES (?,?,?,?,?,?)');
    const getReq = db.prepare('SELECT id FROM requirements WHERE base_document_id = ? AND req_id = ?').pluck();
    const insDiff = db.prepare('INSERT INTO diffs (plan_document_id, base_document_id, covered, adapted, partial, omitted, additions, coverage) VALUES (?,?,?,?,?,?,?,?)');
    const insRes = db.prepare('INSERT INTO diff_results (diff_id, requirement_id, status, score, missing) VALUES (?,?,?,?,?)');
    const insMatch = db.prepare('INSERT INTO matches (diff_result_id, ord, path, text, score, span_start, span_end) VALUES (?,?,?,?,?,?,?)');
    const insChange = db.prepare('INSERT INTO changes (diff_result_id, kind, from_text, to_text, note) VALUES (?,?,?,?,?)');
    const insAdd = db.prepare('INSERT INTO additions (diff_id, ord, kind, path, text, span_start, span_end, cluster, cluster_plans, citations, deadlines, bodies) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
    const items = additionItems(a.diffs);
    const clusterOf = new Map<string, [number, number]>();
    clusterAdditions(items).forEach((g, k) => {
      const n = new Set(g.map((i) => items[i].plan)).size;
      for (const i of g) clusterOf.set(`${items[i].plan}|${items[i].index}`, [k + 1, n]);
    });
    const isMain = new Set(a.diffs);
    for (const d of allDiffs) {
      const pid = docId.get(refKey(d.plan));
      const bid = docId.get(refKey(d.base));
      if (pid === undefined || bid === undefined) continue;
      const s = d.summary;
      const diffId = Number(insDiff.run(pid, bid, s.covered, s.adapted, s.partial, s.omitted, s.additions, s.coverage).lastInsertRowid);
      for (const r of d.requirements) {
        insReq.run(bid, r.id, r.path, r.text, r.span[0], r.span[1]);
        const rid = getReq.get(bid, r.id) as number;
        const res = Number(insRes.run(diffId, rid, r.status, r.matches[0]?.score ?? null, join(r.missing)).lastInsertRowid);
        r.matches.forEach((m, i) => insMatch.run(res, i, m.path, m.text, m.score, m.span[0], m.span[1]));
        for (const c of r.changes) insChange.run(res, c.kind, c.from, c.to, c.note ?? null);
      }
      // (the local additions are those of the plan's main diff, the ones clustered across plans)
      if (isMain.has(d))
        d.additions.forEach((x, i) => {
          const [cl, n] = clusterOf.get(`${refKey(d.plan)}|${i}`) ?? [0, 1];
          insAdd.run(diffId, i, x.kind, x.path, x.text, x.span[0], x.span[1], cl, n, join(x.citations), join(x.deadlines), join(x.bodies));
        });
    }

    // transitive coverage along chains of bases (the directive's requirements are rows of requirements once
    // some diff against the directive is stored: the plan's own, or the intermediate plan's)
    const insTr = db.prepare(
      'INSERT INTO transitive (plan_document_id, directive_document_id, via_document_id, requirement_id, intermediate_status, via_requirements, via_status, direct_status, reaches) VALUES (?,?,?,?,?,?,?,?,?)',
    );
    for (const d of a.diffs)
      for (const t of d.chain?.transitive ?? []) {
        const pid = docId.get(refKey(d.plan));
        const did = docId.get(refKey(t.directive));
        const vid = docId.get(refKey(t.via));
        if (pid === undefined || did === undefined || vid === undefined) continue;
        for (const x of t.rows) {
          const rid = getReq.get(did, x.id) as number | undefined;
          if (rid === undefined) continue;
          insTr.run(pid, did, vid, rid, x.intermediate, join(x.via), x.viaStatus, x.direct, x.reaches);
        }
      }
  });
  run();
}

/**
 * The same database written straight into `file` (which must not exist), for a corpus whose dataset is too big
 * to hold in memory (in memory, the database, its VACUUM copy and the serialized bytes were three copies: over a
 * gigabyte at 2 000 plans, issue 14). Byte for byte `datasetSqlite(a)`: the pages are the same, and the header
 * fields a file database counts its writes in (change counter, version-valid-for, SQLite version: offsets 24, 92,
 * 96) are left at 0 as in a serialized in-memory database.
 */
export function datasetSqliteFile(a: Analysis, file: string): void {
  const db = new Database(file);
  try {
    fillDataset(db, a);
    db.exec('VACUUM');
  } finally {
    db.close();
  }
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(4), 0, 4, 24);
    writeSync(fd, Buffer.alloc(8), 0, 8, 92);
  } finally {
    closeSync(fd);
  }
}

/** The whole dataset as one SQLite database file (bytes). */
export function datasetSqlite(a: Analysis): Buffer {
  const db = new Database(':memory:');
  try {
    fillDataset(db, a);
    db.exec('VACUUM');
    return db.serialize();
  } finally {
    db.close();
  }
}

