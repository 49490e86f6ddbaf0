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
print("boto3", boto3.__version__, "ok")
