package io.mocks3.gateway.http;

import io.mocks3.gateway.core.S3Exception;
import io.mocks3.schemas.s3.S3ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * A browser-based upload (POST object, {@code multipart/form-data}) read as S3 reads it: the form
 * fields up to the {@code file} field, whose bytes are streamed, never buffered; fields after it
 * are ignored. Field names are case-insensitive (kept lower-case).
 *
 * @param fields the form fields, lower-case names, first value of each
 * @param fileName the file's name as the browser sent it (for {@code ${filename}} in the key)
 * @param file the file's bytes, to be read once
 */
record PostForm(Map<String, String> fields, String fileName, InputStream file) {
  /** S3 limits the form fields (everything but the file) to 20 KB. */
  private static final int MAX_FIELD_BYTES = 20 * 1024;

  static PostForm read(HttpServletRequest request) throws IOException {
    String contentType = request.getContentType();
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED, "Bucket POST must be of the enclosure-type multipart/form-data");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    int fieldBytes = 0;
    try {
      FileItemInputIterator items = new JakartaServletFileUpload<>().getItemIterator(request);
      while (items.hasNext()) {
        FileItemInput item = items.next();
        String name = item.getFieldName() == null ? "" : item.getFieldName().toLowerCase(Locale.ROOT);
        if (name.equals("file")) {
          return new PostForm(fields, item.getName() == null ? "" : item.getName(), item.getInputStream());
        }
        byte[] value;
        try (InputStream in = item.getInputStream()) {
          value = in.readNBytes(MAX_FIELD_BYTES - fieldBytes + 1);
        }
        fieldBytes += value.length;
        if (fieldBytes > MAX_FIELD_BYTES) {
          throw new S3Exception(S3ErrorCode.MALFORMED_POST_REQUEST, "The form fields exceed " + MAX_FIELD_BYTES + " bytes.");
        }
        fields.putIfAbsent(name, new String(value, StandardCharsets.UTF_8));
      }
    } catch (FileUploadException e) {
      throw new S3Exception(S3ErrorCode.MALFORMED_POST_REQUEST, "The body of your POST request is not well-formed multipart/form-data: "
          + e.getMessage());
    }
    throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "POST requires exactly one file upload per request.");
  }

  /** The object's key: the {@code key} field, {@code ${filename}} replaced by the file's name. */
  String key() {
    String key = fields.get("key");
    if (key == null) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.");
    }
    if (key.isEmpty()) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "User key must have a length greater than 0.");
    }
    return key.replace("${filename}", fileName);
  }

  /**
   * The request with the form's fields as its headers, so that an upload's metadata, tags and
   * checksums ({@code Content-Type}, {@code x-amz-meta-*}, {@code x-amz-checksum-*}, ...) are read
   * by the same code as a PUT's. Attributes (the run's history capture) stay the request's.
   */
  HttpServletRequest asHeaders(HttpServletRequest request) {
    return new HttpServletRequestWrapper(request) {
      @Override
      public String getHeader(String name) {
        return fields.get(name.toLowerCase(Locale.ROOT));
      }

      @Override
      public Enumeration<String> getHeaders(String name) {
        String value = getHeader(name);
        return Collections.enumeration(value == null ? java.util.List.of() : java.util.List.of(value));
      }

      @Override
      public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(fields.keySet());
      }
    };
  }
}
