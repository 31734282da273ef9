-- The obvious SQL for entity_trends (DuckDB): counts per granularity, period, level and entity,
-- the period's totals, share, the trailing baseline (median and MAD of share over the entity's
-- earlier periods with articles, zeros included, within the configured number of periods) with
-- DuckDB's window functions, robust z and burst as docs/commands.md defines them.
-- Views expected: mentions, articles. Parameters (replaced by duckdb_peer.py): ${WATCHED} (a
-- list of quoted QIDs), ${N_DAY}, ${N_WEEK}, ${N_MONTH}, ${BURST_Z}, ${BURST_MIN_ARTICLES}.
CREATE OR REPLACE VIEW grans AS
SELECT * FROM (VALUES ('day', ${N_DAY}), ('week', ${N_WEEK}), ('month', ${N_MONTH})) AS g(granularity, n_back);

CREATE OR REPLACE MACRO period_start(g, d) AS
  CASE g WHEN 'day' THEN d WHEN 'week' THEN CAST(date_trunc('week', d) AS DATE)
         ELSE CAST(date_trunc('month', d) AS DATE) END;

-- Consecutive periods differ by 1 (weeks counted from a Monday).
CREATE OR REPLACE MACRO period_ord(g, d) AS
  CASE g WHEN 'day' THEN date_diff('day', DATE '1970-01-05', d)
         WHEN 'week' THEN floor(date_diff('day', DATE '1970-01-05', d) / 7)
         ELSE year(d) * 12 + month(d) END;

CREATE OR REPLACE VIEW ml AS
SELECT 'entity' AS level, entity_id AS e, article_id, story_id, source, pub_date FROM mentions
UNION ALL
SELECT 'rollup' AS level, rollup_id AS e, article_id, story_id, source, pub_date FROM mentions;

CREATE OR REPLACE TABLE counts AS
SELECT g.granularity, period_start(g.granularity, pub_date) AS period_start, level, e,
       count(*) AS mentions, count(DISTINCT article_id) AS articles,
       count(DISTINCT story_id) AS stories, count(DISTINCT source) AS sources
FROM ml CROSS JOIN grans g
GROUP BY ALL;

CREATE OR REPLACE TABLE totals AS
SELECT g.granularity, g.n_back, period_start(g.granularity, pub_date) AS period_start,
       count(*) AS total_articles, count(DISTINCT story_id) AS total_stories,
       count(DISTINCT source) AS total_sources
FROM articles CROSS JOIN grans g
GROUP BY ALL;

CREATE OR REPLACE VIEW seen AS
SELECT DISTINCT level, e FROM ml
UNION
SELECT l.level, w.e FROM (VALUES ('entity'), ('rollup')) AS l(level)
CROSS JOIN (SELECT unnest([${WATCHED}]) AS e) AS w;

-- Every period with articles for every entity seen: the baseline sees the zeros.
CREATE OR REPLACE TABLE dense AS
SELECT t.granularity, t.period_start, s.level, s.e AS entity_id,
       coalesce(c.mentions, 0) AS mentions, coalesce(c.articles, 0) AS articles,
       coalesce(c.stories, 0) AS stories, coalesce(c.sources, 0) AS sources,
       t.total_articles, t.total_stories, t.total_sources,
       coalesce(c.articles, 0) / t.total_articles AS share,
       coalesce(c.stories, 0) / t.total_stories AS share_stories,
       t.n_back, period_ord(t.granularity, t.period_start) AS ord
FROM totals t CROSS JOIN seen s
LEFT JOIN counts c ON c.granularity = t.granularity AND c.period_start = t.period_start
  AND c.level = s.level AND c.e = s.e;

CREATE OR REPLACE TABLE with_history AS
SELECT *, list(share) OVER (PARTITION BY granularity, level, entity_id ORDER BY ord
                             RANGE BETWEEN ${N_DAY} PRECEDING AND 1 PRECEDING) AS hist
FROM dense WHERE granularity = 'day'
UNION ALL
SELECT *, list(share) OVER (PARTITION BY granularity, level, entity_id ORDER BY ord
                             RANGE BETWEEN ${N_WEEK} PRECEDING AND 1 PRECEDING) AS hist
FROM dense WHERE granularity = 'week'
UNION ALL
SELECT *, list(share) OVER (PARTITION BY granularity, level, entity_id ORDER BY ord
                             RANGE BETWEEN ${N_MONTH} PRECEDING AND 1 PRECEDING) AS hist
FROM dense WHERE granularity = 'month';

CREATE OR REPLACE VIEW baselined AS
SELECT *, coalesce(len(hist), 0) AS baseline_periods,
       list_median(hist) AS baseline_share,
       list_median(list_transform(hist, lambda x: abs(x - list_median(hist)))) AS baseline_mad,
       list_avg(list_transform(hist, lambda x: abs(x - list_median(hist)))) AS mean_dev
FROM with_history;

CREATE OR REPLACE VIEW trends AS
SELECT granularity, period_start, level, entity_id, mentions, articles, stories, sources,
       total_articles, total_stories, total_sources, share, share_stories,
       baseline_share, baseline_mad, baseline_periods, robust_z,
       coalesce(robust_z >= ${BURST_Z} AND articles >= ${BURST_MIN_ARTICLES}
                AND baseline_periods >= CAST(floor((n_back + 1) / 2) AS INTEGER), false) AS burst
FROM (
  SELECT *, (share - baseline_share) / CASE WHEN baseline_mad > 0 THEN baseline_mad * 1.4826
                                            WHEN mean_dev > 0 THEN mean_dev * 1.2533 END AS robust_z
  FROM baselined)
WHERE mentions > 0 OR entity_id IN (${WATCHED});
