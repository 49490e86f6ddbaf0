-- Object tags, additional checksums ({"CRC32": "base64", ...}) and per-bucket configuration documents.
ALTER TABLE objects ADD COLUMN IF NOT EXISTS tags jsonb NOT NULL DEFAULT '{}';
ALTER TABLE objects ADD COLUMN IF NOT EXISTS checksums jsonb NOT NULL DEFAULT '{}';
ALTER TABLE multipart_uploads ADD COLUMN IF NOT EXISTS tags jsonb NOT NULL DEFAULT '{}';
ALTER TABLE multipart_parts ADD COLUMN IF NOT EXISTS checksums jsonb NOT NULL DEFAULT '{}';

-- One row per bucket and kind (tagging, cors, notification, lifecycle, ...): the S3 XML document as stored.
CREATE TABLE IF NOT EXISTS bucket_config (
  bucket    text COLLATE "C" NOT NULL,
  kind      text NOT NULL,
  document  text NOT NULL,
  PRIMARY KEY (bucket, kind)
);
