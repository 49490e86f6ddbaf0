-- Versioning. objects keeps each key's current version, the one a GET without a version id reads;
-- version_id is NULL for objects written while the bucket never had versioning (S3 shows them as "null").
-- object_versions keeps every other version: noncurrent versions and delete markers (no blob).
ALTER TABLE objects ADD COLUMN IF NOT EXISTS version_id text;

CREATE TABLE IF NOT EXISTS object_versions (
  bucket        text COLLATE "C" NOT NULL,
  key           text COLLATE "C" NOT NULL,
  version_id    text NOT NULL,
  sequence      bigint NOT NULL,
  delete_marker boolean NOT NULL,
  blob_id       text,
  size          bigint NOT NULL DEFAULT 0,
  etag          text,
  content_type  text,
  headers       jsonb,
  user_metadata jsonb,
  last_modified timestamptz NOT NULL,
  parts         jsonb,
  tags          jsonb,
  checksums     jsonb,
  PRIMARY KEY (bucket, key, version_id)
);

CREATE INDEX IF NOT EXISTS object_versions_newest ON object_versions (bucket, key, sequence DESC);
