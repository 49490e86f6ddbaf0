-- The metadata read model. Owned by the metadata projector (Flyway migrations); the gateway only reads it.
-- Keys sort in byte order (COLLATE "C"), as S3 lists them.
CREATE TABLE IF NOT EXISTS buckets (
  name        text COLLATE "C" PRIMARY KEY,
  created_at  timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS objects (
  bucket        text COLLATE "C" NOT NULL,
  key           text COLLATE "C" NOT NULL,
  blob_id       text NOT NULL,
  size          bigint NOT NULL,
  etag          text NOT NULL,
  content_type  text NOT NULL,
  headers       jsonb NOT NULL DEFAULT '{}',
  user_metadata jsonb NOT NULL DEFAULT '{}',
  last_modified timestamptz NOT NULL,
  sequence      bigint NOT NULL,
  -- A completed multipart upload: the ordered part blobs [{id, size, md5Hex}], read in sequence.
  parts         jsonb,
  PRIMARY KEY (bucket, key)
);

CREATE TABLE IF NOT EXISTS multipart_uploads (
  bucket        text COLLATE "C" NOT NULL,
  upload_id     text NOT NULL,
  key           text COLLATE "C" NOT NULL,
  content_type  text NOT NULL,
  headers       jsonb NOT NULL DEFAULT '{}',
  user_metadata jsonb NOT NULL DEFAULT '{}',
  initiated_at  timestamptz NOT NULL,
  PRIMARY KEY (bucket, upload_id)
);

CREATE TABLE IF NOT EXISTS multipart_parts (
  bucket        text COLLATE "C" NOT NULL,
  upload_id     text NOT NULL,
  part_number   int NOT NULL,
  blob_id       text NOT NULL,
  size          bigint NOT NULL,
  etag          text NOT NULL,
  last_modified timestamptz NOT NULL,
  PRIMARY KEY (bucket, upload_id, part_number)
);

-- Per-bucket high-water mark of applied events: what makes the projection idempotent.
-- Never deleted, so a bucket re-created under the same name keeps counting upwards.
CREATE TABLE IF NOT EXISTS bucket_progress (
  bucket           text COLLATE "C" PRIMARY KEY,
  applied_sequence bigint NOT NULL
);
