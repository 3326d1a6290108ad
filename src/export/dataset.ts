/**
 * The research dataset as a module for other front ends (the `export` command, the review
 * workbench): the SQLite schema and the function that fills a given better-sqlite3 database
 * with an analysis. The implementation lives with the other output formats in
 * src/report/dataset.ts; this is the stable import path above the report layer.
 */
export { FTS_TOKENIZER, SCHEMA, SCHEMA_VERSION, createSchema, datasetSqlite, fillDataset, ftsQuery, ftsText } from '../report/dataset.js';
