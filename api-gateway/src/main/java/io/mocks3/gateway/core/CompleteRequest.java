package io.mocks3.gateway.core;

import io.mocks3.schemas.blob.ChecksumAlgorithm;
import io.mocks3.schemas.command.CompleteMultipartUpload.ChosenPart;
import io.mocks3.schemas.command.WriteCondition;
import java.util.List;
import java.util.Map;

/**
 * A CompleteMultipartUpload: the parts chosen, the precondition on the key, the whole object's
 * checksums the client stated ({@code x-amz-checksum-*} headers; empty for none), and the MD5 of the
 * SSE-C key it states (null for none).
 */
public record CompleteRequest(
    String bucket,
    String key,
    String uploadId,
    List<ChosenPart> parts,
    WriteCondition condition,
    Map<ChecksumAlgorithm, String> checksums,
    String customerKeyMd5,
    Consistency consistency) {}
