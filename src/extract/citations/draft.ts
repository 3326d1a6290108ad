import type { Citation, Relation } from '../../model.js';

/** A citation while it is being built (find → resolve → annotate): the schema fields plus parse positions. */
export interface Draft {
  id: string;
  kind: string | null;
  number: string | null;
  symbol: string | null;
  date: string | null;
  issuer: string | null;
  title: string | null;
  khoa: string | null;
  form: Citation['form'];
  relation: Relation;
  start: number;
  end: number;
  /** end of the title / description that follows the citation (≥ end) */
  tailEnd: number;
  /** codes of a Party symbol, for the issuer check */
  issuerCode?: string;
  /** index of the citation in whose title this one is nested */
  nestedIn?: number;
  /** a relation fixed by the finder (self references) */
  fixedRelation?: boolean;
}

/** The fields a finder does not know yet. */
export function blank(): Omit<Draft, 'id' | 'form' | 'start' | 'end' | 'tailEnd'> {
  return { kind: null, number: null, symbol: null, date: null, issuer: null, title: null, khoa: null, relation: 'references' };
}
