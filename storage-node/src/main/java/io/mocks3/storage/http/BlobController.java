package io.mocks3.storage.http;

import io.mocks3.schemas.BlobId;
import io.mocks3.storage.store.BlobStore;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves complete blobs to the gateway: {@code GET /blobs/{id}?offset=&length=}. The gateway
 * has already validated the range against the object's size; a range beyond the blob is a 416.
 */
@RestController
@RequestMapping("/blobs")
class BlobController {
  private final BlobStore store;

  BlobController(BlobStore store) {
    this.store = store;
  }

  @RequestMapping(path = "/{id}", method = RequestMethod.HEAD)
  ResponseEntity<Void> head(@PathVariable String id) {
    return store.size(parse(id))
        .map(size -> ResponseEntity.ok().contentLength(size).<Void>build())
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  @GetMapping("/{id}")
  void get(
      @PathVariable String id,
      @RequestParam(defaultValue = "0") long offset,
      @RequestParam(defaultValue = "-1") long length,
      HttpServletResponse response)
      throws IOException {
    BlobId blobId = parse(id);
    Optional<Long> size = store.size(blobId);
    if (size.isEmpty()) {
      response.sendError(404);
      return;
    }
    long count = length < 0 ? size.get() - offset : length;
    if (offset < 0 || offset + count > size.get()) {
      response.sendError(416);
      return;
    }
    Optional<InputStream> body = store.read(blobId, offset, count);
    if (body.isEmpty()) {
      response.sendError(404);
      return;
    }
    response.setContentType("application/octet-stream");
    response.setContentLengthLong(count);
    try (InputStream in = body.get(); OutputStream out = response.getOutputStream()) {
      in.transferTo(out);
    }
  }

  static BlobId parse(String id) {
    try {
      return BlobId.of(id);
    } catch (IllegalArgumentException e) {
      throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }
}
