/**
 * Full-text search that works for Chinese and English in stock PostgreSQL (no parser extension):
 * Latin-script words go through the `english` configuration (stemmed, stop words dropped), runs of
 * CJK characters (Han, kana, Hangul) become overlapping character bigrams (`打印机卡纸` → 打印 印机
 * 机卡 卡纸) indexed with the `simple` configuration. A query is the OR of its own words and
 * bigrams, ranked by `ts_rank`, so a differently worded question still meets the article.
 * Measured against jieba word segmentation and pg_trgm on a Chinese/English knowledge base
 * (docs/processes/service-dispatch.md, "Knowledge search"): bigrams found as many articles as
 * jieba's search mode without a native dependency, and pg_trgm found almost none.
 *
 * An entity with `x-crm-fulltext` gets a `tsvector` column FULLTEXT_COLUMN kept current by a row
 * trigger calling `crm.fts_refresh(field, weight, …)` (runtime/publish), a GIN index, and the
 * search route `GET /api/records/:entity/text-search` (runtime/records/text-search.ts).
 */

/** The column holding an entity's search vector; field columns never start with `_`. */
export const FULLTEXT_COLUMN = '_fulltext';

const CJK = '[\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff]';

/** The functions (schema crm, beside the entity tables that use them); a migration creates them. */
export const FULLTEXT_FUNCTIONS_SQL = `
  create function crm.fts_cjk_bigrams(t text) returns text language sql immutable parallel safe as $f$
    select coalesce(string_agg(case when char_length(r) = 1 then r
                                    else (select string_agg(substr(r, i, 2), ' ') from generate_series(1, char_length(r) - 1) i) end, ' '), '')
    from (select m[1] as r from regexp_matches(coalesce(t, ''), '(${CJK}+)', 'g') m) runs
  $f$;
  create function crm.fts_document(t text) returns tsvector language sql immutable parallel safe as $f$
    select to_tsvector('english', regexp_replace(coalesce(t, ''), '${CJK}+', ' ', 'g'))
        || to_tsvector('simple', crm.fts_cjk_bigrams(t))
  $f$;
  -- Any of the text's words or bigrams; each lexeme quoted (tsquery quoting) so no character of
  -- user input is read as an operator.
  create function crm.fts_query(t text) returns tsquery language sql immutable parallel safe as $f$
    select coalesce(to_tsquery('simple', string_agg('''' || replace(replace(l, '\\', '\\\\'), '''', '''''') || '''', ' | ')), ''::tsquery)
    from unnest(tsvector_to_array(crm.fts_document(t))) l
  $f$;
  -- Row trigger: arguments are pairs (column, weight A-D).
  create function crm.fts_refresh() returns trigger language plpgsql as $f$
    declare
      doc jsonb := to_jsonb(new);
      v tsvector := ''::tsvector;
      i int := 0;
    begin
      while i < tg_nargs loop
        v := v || setweight(crm.fts_document(doc ->> tg_argv[i]), tg_argv[i + 1]::"char");
        i := i + 2;
      end loop;
      new.${FULLTEXT_COLUMN} := v;
      return new;
    end
  $f$;`;
