"""Drives the gateway with Debian's (old) boto3: the calls an application makes. Exits non-zero on any mismatch."""
import hashlib
import os
import sys

try:
    import boto3
except ImportError:
    # A failure, not a skip: without boto3 nothing was checked.
    sys.exit("boto3_check: FAILED: boto3 is not installed for " + sys.executable
             + ": apt-get install python3-boto3 (.ci/run installs it)")

endpoint, workdir, bucket = sys.argv[1], sys.argv[2], sys.argv[3]
s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test",
                  region_name="us-east-1")
s3.create_bucket(Bucket=bucket)
s3.put_object(Bucket=bucket, Key="a/hello.txt", Body=b"hi there", ContentType="text/plain",
              Metadata={"owner": "ann"})
got = s3.get_object(Bucket=bucket, Key="a/hello.txt")
assert got["Body"].read() == b"hi there"
assert got["ContentType"] == "text/plain" and got["Metadata"] == {"owner": "ann"}, got

data = os.urandom(20 * 1024 * 1024)
src, back = os.path.join(workdir, "boto3.bin"), os.path.join(workdir, "boto3.back")
open(src, "wb").write(data)
s3.upload_file(src, bucket, "big.bin")  # 20 MiB: multipart with boto3's 8 MiB default
s3.download_file(bucket, "big.bin", back)  # ranged GETs
assert hashlib.md5(open(back, "rb").read()).digest() == hashlib.md5(data).digest(), "20 MiB round trip differs"
assert s3.head_object(Bucket=bucket, Key="big.bin")["ETag"].endswith('-3"')

listing = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
assert [o["Key"] for o in listing["Contents"]] == ["big.bin"], listing
assert listing["CommonPrefixes"] == [{"Prefix": "a/"}], listing
s3.delete_object(Bucket=bucket, Key="a/hello.txt")
try:
    s3.get_object(Bucket=bucket, Key="a/hello.txt")
    raise AssertionError("deleted object still readable")
except s3.exceptions.NoSuchKey:
    pass
s3.delete_object(Bucket=bucket, Key="big.bin")
s3.delete_bucket(Bucket=bucket)
# ---- Issue 23 part B: listings, version paging, buckets and owners (S3ListingFidelityIT has the SDK v2 side) ----
from botocore.exceptions import ClientError

fidelity = bucket + "-listing"
s3.create_bucket(Bucket=fidelity)
s3.create_bucket(Bucket=fidelity)  # re-creating your own bucket in us-east-1 is a 200, as S3 answers it
for key in ["foo+1/bar", "quux ab/thud", "asdf+b"]:
    s3.put_object(Bucket=fidelity, Key=key, Body=b"x")
encoded = s3.list_objects_v2(Bucket=fidelity, Delimiter="/", EncodingType="url")  # boto3 decodes what S3 encoded
assert [o["Key"] for o in encoded["Contents"]] == ["asdf+b"], encoded
assert [p["Prefix"] for p in encoded["CommonPrefixes"]] == ["foo+1/", "quux ab/"], encoded
empty = s3.list_objects_v2(Bucket=fidelity, MaxKeys=0)
assert empty["KeyCount"] == 0 and not empty["IsTruncated"] and "Contents" not in empty, empty
assert "Owner" not in s3.list_objects_v2(Bucket=fidelity)["Contents"][0]
assert s3.list_objects_v2(Bucket=fidelity, FetchOwner=True)["Contents"][0]["Owner"]["DisplayName"] == "test"
try:
    s3.list_objects(Bucket=fidelity, Delimiter="\x00")
    raise AssertionError("a NUL delimiter was accepted")
except ClientError as e:
    assert e.response["Error"]["Code"] == "InvalidArgument", e.response

s3.put_object(Bucket=fidelity, Key="pre", Body=b"before versioning")  # its version id is "null"
s3.put_bucket_versioning(Bucket=fidelity, VersioningConfiguration={"Status": "Enabled"})
for i in range(3):
    s3.put_object(Bucket=fidelity, Key="pre", Body=b"v%d" % i)
s3.delete_object(Bucket=fidelity, Key="asdf+b")  # a delete marker
removed = 0
for page in s3.get_paginator("list_object_versions").paginate(Bucket=fidelity, PaginationConfig={"PageSize": 2}):
    for entry in page.get("Versions", []) + page.get("DeleteMarkers", []):  # a clean-up deletes each page as it goes
        s3.delete_object(Bucket=fidelity, Key=entry["Key"], VersionId=entry["VersionId"])
        removed += 1
assert removed == 8, removed  # pre: its "null" version and 3 more; asdf+b: "null" and a delete marker; 2 other "null" ones
assert "Versions" not in s3.list_object_versions(Bucket=fidelity)
s3.delete_bucket(Bucket=fidelity)
# ---- end of issue 23 part B ----
print("boto3", boto3.__version__, "ok")
