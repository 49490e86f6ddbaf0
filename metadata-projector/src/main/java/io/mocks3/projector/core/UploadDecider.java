package io.mocks3.projector.core;

import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.AbortMultipartUpload;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.command.CompleteMultipartUpload;
import io.mocks3.schemas.command.CompleteMultipartUpload.ChosenPart;
import io.mocks3.schemas.command.UploadPart;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.MultipartCompletionRepeated;
import io.mocks3.schemas.event.MultipartUploadAborted;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.event.PartUploadSuperseded;
import io.mocks3.schemas.event.PartUploaded;
import java.time.Instant;
import java.util.List;

/**
 * The decisions about an existing multipart upload (UploadPart, CompleteMultipartUpload,
 * AbortMultipartUpload), as {@link CommandDecider#decide} makes them once the upload is found.
 */
final class UploadDecider {
  private static final String NO_SUCH_UPLOAD_MESSAGE =
      "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.";

  private UploadDecider() {}

  static Event decide(Command command, BucketState bucket, ObjectState object, UploadState upload, long next) {
    if (upload.completed()) {
      return command instanceof CompleteMultipartUpload c && sameCompletion(c, upload)
          ? repeated(c, bucket, upload.completion())
          : CommandDecider.reject(command, bucket, "NoSuchUpload", NO_SUCH_UPLOAD_MESSAGE);
    }
    if (command instanceof UploadPart c) {
      return part(c, bucket, upload, next);
    }
    if (command instanceof CompleteMultipartUpload c) {
      return complete(c, bucket, object, upload, next);
    }
    if (command instanceof AbortMultipartUpload c) {
      return new MultipartUploadAborted(c.commandId(), c.bucket(), next, c.issuedAt(), c.key(), c.uploadId(),
          List.copyOf(upload.parts().values()));
    }
    throw new IllegalArgumentException("unknown command " + command.getClass().getName());
  }

  /**
   * The part, unless a later-started upload of the same number already holds it: S3 keeps the
   * upload started last, not the one that finished last. Equal start times: the log's order decides.
   */
  private static Event part(UploadPart c, BucketState bucket, UploadState upload, long next) {
    Instant held = upload.started(c.partNumber());
    if (held != null && c.startedAt() != null && c.startedAt().isBefore(held)) {
      return new PartUploadSuperseded(c.commandId(), c.bucket(), bucket.lastSequence(), c.issuedAt(), c.key(), c.uploadId(),
          c.partNumber(), c.blob());
    }
    return new PartUploaded(c.commandId(), c.bucket(), next, c.issuedAt(), c.key(), c.uploadId(), c.partNumber(), c.blob(),
        upload.parts().get(c.partNumber()), c.startedAt());
  }

  private static Event complete(CompleteMultipartUpload c, BucketState bucket, ObjectState object, UploadState upload,
      long next) {
    String failed = CommandDecider.precondition(c.condition(), object == null ? null : object.blob());
    if (failed != null) {
      return CommandDecider.reject(c, bucket, failed, CommandDecider.preconditionMessage(failed));
    }
    String violation = MultipartRules.violation(c, upload);
    if (violation != null) {
      return CommandDecider.reject(c, bucket, violation, "The parts named do not complete this upload (" + violation + ")");
    }
    List<BlobRef> parts = MultipartRules.chosenBlobs(c, upload);
    BlobRef manifest = MultipartRules.manifest(c.uploadId(), parts, upload.checksum());
    String badChecksum = MultipartRules.checksumViolation(c, upload, manifest);
    if (badChecksum != null) {
      return CommandDecider.reject(c, bucket, badChecksum, "The upload's checksum does not match what the request stated ("
          + badChecksum + ")");
    }
    String versionId = bucket.newVersionId(c.commandId());
    return new ObjectCreated(c.commandId(), c.bucket(), next, c.issuedAt(), c.key(), manifest,
        CommandDecider.written(bucket, upload.metadata(), c.issuedAt()),
        CommandDecider.superseded(object, versionId), c.uploadId(), parts, versionId);
  }

  /** The same parts in the same order as the completion used: the same numbers naming the same blobs and ETags. */
  private static boolean sameCompletion(CompleteMultipartUpload c, UploadState upload) {
    List<BlobRef> done = upload.completion().parts();
    List<ChosenPart> chosen = c.parts();
    if (chosen == null || chosen.size() != done.size()) {
      return false;
    }
    for (int i = 0; i < chosen.size(); i++) {
      BlobRef named = upload.parts().get(chosen.get(i).partNumber());
      String etag = chosen.get(i).etag() == null ? "" : CommandDecider.unquote(chosen.get(i).etag());
      if (named == null || !named.id().equals(done.get(i).id()) || !etag.equals(named.md5Hex())) {
        return false;
      }
    }
    return true;
  }

  private static Event repeated(CompleteMultipartUpload c, BucketState bucket, UploadState.Completion done) {
    return new MultipartCompletionRepeated(c.commandId(), c.bucket(), bucket.lastSequence(), c.issuedAt(), c.key(),
        c.uploadId(), done.object(), done.versionId());
  }
}
