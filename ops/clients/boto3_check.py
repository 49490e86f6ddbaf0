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
# botocore asks for encoding-type=url by itself and decodes the answer; asked for by the caller, it is left encoded.
decoded = s3.list_objects_v2(Bucket=fidelity, Delimiter="/")
assert [o["Key"] for o in decoded["Contents"]] == ["asdf+b"], decoded
assert [p["Prefix"] for p in decoded["CommonPrefixes"]] == ["foo+1/", "quux ab/"], decoded
encoded = s3.list_objects_v2(Bucket=fidelity, Delimiter="/", EncodingType="url")
assert [o["Key"] for o in encoded["Contents"]] == ["asdf%2Bb"], encoded
assert [p["Prefix"] for p in encoded["CommonPrefixes"]] == ["foo%2B1/", "quux%20ab/"], encoded
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
# ---- Issue 23 part A: the write path - retried completions, conditional writes, checksums, parts, versions,
# metadata, tags (S3WritePathFidelityIT and S3ChecksumsAndPartsIT have the SDK v2 side). Written for boto3 1.26:
# a conditional write's header is added by an event hook, as 1.26 has no IfNoneMatch parameter. ----
import base64
from botocore.exceptions import ClientError as WriteError


def error_of(call):
    try:
        call()
    except WriteError as e:
        return e.response
    raise AssertionError("the call succeeded")


writes = bucket + "-writes"
s3.create_bucket(Bucket=writes)
s3.put_bucket_versioning(Bucket=writes, VersioningConfiguration={"Status": "Enabled"})
upload = s3.create_multipart_upload(Bucket=writes, Key="mpu", Tagging="team=chaos", ChecksumAlgorithm="SHA256")
first_part, second_part = os.urandom(5 * 1024 * 1024), b"tail"
parts = []
for number, body in [(1, first_part), (2, second_part)]:
    answer = s3.upload_part(Bucket=writes, Key="mpu", UploadId=upload["UploadId"], PartNumber=number, Body=body,
                            ChecksumAlgorithm="SHA256")
    parts.append({"PartNumber": number, "ETag": answer["ETag"], "ChecksumSHA256": answer["ChecksumSHA256"]})
done = s3.complete_multipart_upload(Bucket=writes, Key="mpu", UploadId=upload["UploadId"], MultipartUpload={"Parts": parts})
again = s3.complete_multipart_upload(Bucket=writes, Key="mpu", UploadId=upload["UploadId"], MultipartUpload={"Parts": parts})
assert (again["ETag"], again["VersionId"]) == (done["ETag"], done["VersionId"]) and done["VersionId"], (done, again)
composite = base64.b64encode(hashlib.sha256(hashlib.sha256(first_part).digest() + hashlib.sha256(second_part).digest())
                             .digest()).decode() + "-2"
assert done["ChecksumSHA256"] == composite, done
assert s3.head_object(Bucket=writes, Key="mpu", ChecksumMode="ENABLED")["ChecksumSHA256"] == composite
assert error_of(lambda: s3.complete_multipart_upload(Bucket=writes, Key="mpu", UploadId=upload["UploadId"],
                                                     MultipartUpload={"Parts": parts[:1]}))["Error"]["Code"] == "NoSuchUpload"
assert s3.get_object_tagging(Bucket=writes, Key="mpu")["TagSet"] == [{"Key": "team", "Value": "chaos"}]
second = s3.get_object(Bucket=writes, Key="mpu", PartNumber=2)
assert second["Body"].read() == second_part and second["PartsCount"] == 2, second
assert error_of(lambda: s3.get_object(Bucket=writes, Key="mpu", PartNumber=3))["Error"]["Code"] == "InvalidPartNumber"

wrong = base64.b64encode(hashlib.sha256(b"other").digest()).decode()
refused = error_of(lambda: s3.put_object(Bucket=writes, Key="digest", Body=b"bytes", ChecksumSHA256=wrong))
assert refused["Error"]["Code"] == "BadDigest", refused
assert error_of(lambda: s3.head_object(Bucket=writes, Key="digest"))["ResponseMetadata"]["HTTPStatusCode"] == 404


def if_none_match(request, **kwargs):
    request.headers["If-None-Match"] = "*"


s3.meta.events.register("before-sign.s3.PutObject", if_none_match)
try:
    assert s3.put_object(Bucket=writes, Key="once", Body=b"1")["VersionId"]
    assert error_of(lambda: s3.put_object(Bucket=writes, Key="once", Body=b"2"))["Error"]["Code"] == "PreconditionFailed"
finally:
    s3.meta.events.unregister("before-sign.s3.PutObject", if_none_match)

marker = s3.delete_object(Bucket=writes, Key="once")
headers = error_of(lambda: s3.head_object(Bucket=writes, Key="once"))["ResponseMetadata"]["HTTPHeaders"]
assert headers["x-amz-delete-marker"] == "true" and headers["x-amz-version-id"] == marker["VersionId"], headers

s3.put_object(Bucket=writes, Key="meta", Body=b"m", Metadata={"word": "=?UTF-8?B?Y2Fmw6k=?="}, CacheControl="no-cache",
              ContentLanguage="fr-CA", ContentDisposition='attachment; filename="r.txt"')
meta = s3.head_object(Bucket=writes, Key="meta")
assert meta["Metadata"] == {"word": "=?UTF-8?B?Y2Fmw6k=?="}, meta
assert (meta["CacheControl"], meta["ContentLanguage"], meta["ContentDisposition"]) == (
    "no-cache", "fr-CA", 'attachment; filename="r.txt"'), meta
for page in s3.get_paginator("list_object_versions").paginate(Bucket=writes):
    for entry in page.get("Versions", []) + page.get("DeleteMarkers", []):
        s3.delete_object(Bucket=writes, Key=entry["Key"], VersionId=entry["VersionId"])
s3.delete_bucket(Bucket=writes)
# ---- end of issue 23 part A ----
# ---- Issue 23: POST object, a browser's form upload, with a policy boto3 signs (generate_presigned_post) ----
import urllib3

form_bucket = bucket + "-form"
s3.create_bucket(Bucket=form_bucket)
presigned = s3.generate_presigned_post(
    form_bucket, "uploads/${filename}",
    Fields={"success_action_status": "201", "x-amz-meta-origin": "form"},
    Conditions=[{"success_action_status": "201"}, {"x-amz-meta-origin": "form"}, ["content-length-range", 1, 1024]])


def post_form(fields, name, data):
    body, content_type = urllib3.encode_multipart_formdata(list(fields.items()) + [("file", (name, data))])
    return urllib3.PoolManager().request("POST", presigned["url"], body=body, headers={"Content-Type": content_type})


answer = post_form(presigned["fields"], "note.txt", b"posted by a form")
assert answer.status == 201 and b"<Key>uploads/note.txt</Key>" in answer.data, (answer.status, answer.data)
posted = s3.get_object(Bucket=form_bucket, Key="uploads/note.txt")
assert posted["Body"].read() == b"posted by a form" and posted["Metadata"] == {"origin": "form"}, posted
too_big = post_form(presigned["fields"], "big.bin", b"x" * 2048)
assert too_big.status == 400 and b"<Code>EntityTooLarge</Code>" in too_big.data, (too_big.status, too_big.data)
extra = post_form(dict(presigned["fields"], **{"x-amz-meta-extra": "1"}), "extra.txt", b"x")
assert extra.status == 403 and b"<Code>AccessDenied</Code>" in extra.data, (extra.status, extra.data)
assert [o["Key"] for o in s3.list_objects_v2(Bucket=form_bucket)["Contents"]] == ["uploads/note.txt"]
s3.delete_object(Bucket=form_bucket, Key="uploads/note.txt")
s3.delete_bucket(Bucket=form_bucket)
# ---- end of POST object ----
print("boto3", boto3.__version__, "ok")
