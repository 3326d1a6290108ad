/** Importing this module plugs the extract stage into the pipeline (processFile fills entities). */
import { setExtractor } from '../pipeline.js';
import { extractEntities } from './index.js';

setExtractor(extractEntities);
