package io.mocks3.gateway.http;

import io.mocks3.gateway.core.Consistency;
import io.mocks3.gateway.core.ObjectService;
import io.mocks3.gateway.core.PutRequest;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.history.HistoryCapture;
import io.mocks3.gateway.http.xml.PostResponse;
import io.mocks3.gateway.http.xml.S3Xml;
import io.mocks3.gateway.http.xml.Tagging;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.WriteCondition;
import io.mocks3.schemas.s3.S3ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * PostObject: an object uploaded by an HTML form, the way browsers upload to S3. The form's policy
 * is checked ({@link PostPolicy}), its fields become the object's metadata, tags and checksums,
 * and the file is stored exactly as a PUT's body (same write path, same consistency modes, same
 * faults). The answer is S3's: a 303 to {@code success_action_redirect}, or the
 * {@code success_action_status} (204 by default; 201 with a PostResponse document).
 */
final class PostObjectEndpoint {
  private final ObjectService objects;
  private final Consistency defaultConsistency;

  PostObjectEndpoint(ObjectService objects, Consistency defaultConsistency) {
    this.objects = objects;
    this.defaultConsistency = defaultConsistency;
  }

  void post(String bucket, HttpServletRequest request, HttpServletResponse response) throws IOException {
    PostForm form = PostForm.read(request);
    String key = form.key();
    PostPolicy.LengthRange range = PostPolicy.check(form.fields(), key, bucket, Instant.now());
    HistoryCapture.posted(request, key);
    HttpServletRequest fields = form.asHeaders(request);
    ObjectService.Written written;
    try (RequestBody body = RequestBody.of(fields, new SizeBounded(form.file(), range))) {
      PutRequest put = new PutRequest(bucket, key, metadata(form, fields), body.integrity(), WriteCondition.NONE,
          BucketEndpoint.consistency(request, defaultConsistency));
      written = objects.put(put, body.stream());
    }
    String etag = "\"" + written.blob().md5Hex() + "\"";
    response.setHeader("ETag", etag);
    ObjectHeaders.writtenVersion(written.versionId(), response);
    EncryptionHeaders.writeEncryption(written.encryption(), response);
    ObjectHeaders.writeChecksums(written.blob().checksums(), response);
    answer(form.fields(), request, response, new PostResponse(location(request, bucket, key), bucket, key, etag));
  }

  /** The fields' metadata; the {@code tagging} field is a Tagging document, as S3's forms send tags. */
  private static ObjectMetadata metadata(PostForm form, HttpServletRequest fields) throws IOException {
    ObjectMetadata metadata = ObjectHeaders.metadataOf(fields);
    String tagging = form.fields().get("tagging");
    if (tagging == null) {
      return metadata;
    }
    Map<String, String> tags = ObjectEndpoint.fromTagging(XmlBody.parse(tagging.getBytes(StandardCharsets.UTF_8), Tagging.class),
        ObjectHeaders.MAX_OBJECT_TAGS);
    return new ObjectMetadata(metadata.contentType(), metadata.headers(), metadata.userMetadata(), tags);
  }

  private static void answer(Map<String, String> fields, HttpServletRequest request, HttpServletResponse response,
      PostResponse posted) throws IOException {
    String redirect = fields.getOrDefault("success_action_redirect", fields.get("redirect"));
    URI target = redirect == null ? null : absoluteUri(redirect);
    if (target != null) {
      String query = "bucket=" + encode(posted.bucket()) + "&key=" + encode(posted.key()) + "&etag=" + encode(posted.etag());
      response.setHeader("Location", target + (target.getRawQuery() == null ? "?" : "&") + query);
      response.setStatus(303);
      return;
    }
    response.setHeader("Location", posted.location());
    switch (fields.getOrDefault("success_action_status", "")) {
      case "200" -> response.setStatus(200);
      case "201" -> {
        byte[] xml = S3Xml.write(posted);
        response.setStatus(201);
        response.setContentType("application/xml");
        response.setContentLength(xml.length);
        response.getOutputStream().write(xml);
      }
      default -> response.setStatus(204);
    }
  }

  /** The redirect target when it is an absolute http(s) URL; S3 ignores anything else. */
  private static URI absoluteUri(String value) {
    try {
      URI uri = new URI(value.trim());
      return uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) ? uri : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  private static String location(HttpServletRequest request, String bucket, String key) {
    String host = request.getHeader("Host") == null ? request.getServerName() : request.getHeader("Host");
    return request.getScheme() + "://" + host + "/" + bucket + "/" + encode(key).replace("%2F", "/");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The file, refused once it is larger than the policy allows or, at its end, smaller. */
  private static final class SizeBounded extends CountedInputStream {
    private final PostPolicy.LengthRange range;

    SizeBounded(InputStream in, PostPolicy.LengthRange range) {
      super(in);
      this.range = range;
    }

    @Override
    protected void read(long seen) {
      if (seen > range.max()) {
        throw new S3Exception(S3ErrorCode.ENTITY_TOO_LARGE, "Your proposed upload exceeds the maximum allowed size");
      }
    }

    @Override
    protected void ended(long seen) {
      if (seen < range.min()) {
        throw new S3Exception(S3ErrorCode.ENTITY_TOO_SMALL, "Your proposed upload is smaller than the minimum allowed size");
      }
    }
  }
}
