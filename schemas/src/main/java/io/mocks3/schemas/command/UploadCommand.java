package io.mocks3.schemas.command;

/** A command about one multipart upload of a key. */
public sealed interface UploadCommand extends ObjectCommand
    permits CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload {
  String uploadId();
}
