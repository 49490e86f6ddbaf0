-- Which rows stand on a blob (BlobReferences.isReferenced: the task workers ask it before collecting
-- each orphan). Without these, each question scanned every object: with a million objects the
-- garbage collection of a bench's deleted writes kept PostgreSQL busy on both cores for hours.
-- A blob is an object's own (blob_id) or one of its parts (parts @> '[{"id": ...}]'): a btree for
-- the one, a GIN index over the part lists for the other, combined by a bitmap OR.
CREATE INDEX IF NOT EXISTS objects_blob ON objects (blob_id);
CREATE INDEX IF NOT EXISTS objects_parts ON objects USING gin (parts jsonb_path_ops);
CREATE INDEX IF NOT EXISTS object_versions_blob ON object_versions (blob_id);
CREATE INDEX IF NOT EXISTS object_versions_parts ON object_versions USING gin (parts jsonb_path_ops);
CREATE INDEX IF NOT EXISTS multipart_parts_blob ON multipart_parts (blob_id);
