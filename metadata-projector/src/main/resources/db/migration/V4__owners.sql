-- Who created each bucket and who initiated each multipart upload (S3's Owner and Initiator).
-- Null for rows projected before owners were kept: the gateway shows its default owner for them.
ALTER TABLE buckets ADD COLUMN IF NOT EXISTS owner_id text;
ALTER TABLE buckets ADD COLUMN IF NOT EXISTS owner_name text;
ALTER TABLE multipart_uploads ADD COLUMN IF NOT EXISTS initiator_id text;
ALTER TABLE multipart_uploads ADD COLUMN IF NOT EXISTS initiator_name text;
