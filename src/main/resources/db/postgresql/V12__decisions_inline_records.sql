-- Decision records are now LZ4-compressed (about 2.3 KB on average) instead of deflated (about
-- 1.7 KB). PostgreSQL moves a value out of its row into the TOAST table once the row passes about
-- 2 KB, after trying to compress it again, which an LZ4 block resists. Every decision would then
-- write and read two tables and one more index. Rows of the log stay whole up to a page.
ALTER TABLE decisions SET (toast_tuple_target = 8160);
