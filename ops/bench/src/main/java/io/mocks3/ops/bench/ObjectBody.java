package io.mocks3.ops.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;

/**
 * An object's bytes without holding them: {@code head} (distinct per PUT, so content-addressed storage
 * cannot skip the write) followed by the shared random {@code payload}, repeated up to {@code length}.
 */
record ObjectBody(byte[] head, byte[] payload, long length) {

  /** The body as a stream; needs {@code length <= payload.length} (the SDK sends larger objects in parts). */
  InputStream stream() {
    int headLength = (int) Math.min(head.length, length);
    return new SequenceInputStream(new ByteArrayInputStream(head, 0, headLength),
        new ByteArrayInputStream(payload, headLength, (int) length - headLength));
  }

  void writeTo(OutputStream out) throws IOException {
    int headLength = (int) Math.min(head.length, length);
    out.write(head, 0, headLength);
    long remaining = length - headLength;
    int offset = headLength;
    while (remaining > 0) {
      int chunk = (int) Math.min(remaining, payload.length - offset);
      out.write(payload, offset, chunk);
      remaining -= chunk;
      offset = 0;
    }
  }
}
