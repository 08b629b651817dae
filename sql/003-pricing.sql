-- 003: prices a feed states (LiteLLM), in US dollars per million tokens.

ALTER TABLE statements ADD COLUMN input_per_mtok REAL;
ALTER TABLE statements ADD COLUMN output_per_mtok REAL;
