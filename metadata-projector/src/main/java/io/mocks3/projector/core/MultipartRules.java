package io.mocks3.projector.core;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import io.mocks3.schemas.command.CompleteMultipartUpload;
import io.mocks3.schemas.command.CompleteMultipartUpload.ChosenPart;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** S3's rules for completing a multipart upload, and the multipart ETag. */
final class MultipartRules {
  static final long MIN_PART_BYTES = 5L * 1024 * 1024;

  private MultipartRules() {}

  /** The S3 error code a completion breaks (checked in AWS's order: order, parts, sizes), or null. */
  static String violation(CompleteMultipartUpload c, UploadState upload) {
    List<ChosenPart> chosen = c.parts();
    if (chosen == null || chosen.isEmpty()) {
      return "MalformedXML";
    }
    for (int i = 1; i < chosen.size(); i++) {
      if (chosen.get(i).partNumber() <= chosen.get(i - 1).partNumber()) {
        return "InvalidPartOrder";
      }
    }
    for (ChosenPart part : chosen) {
      BlobRef stored = upload.parts().get(part.partNumber());
      if (stored == null || !stored.md5Hex().equals(CommandDecider.unquote(part.etag() == null ? "" : part.etag()))) {
        return "InvalidPart";
      }
    }
    for (int i = 0; i < chosen.size() - 1; i++) {
      if (upload.parts().get(chosen.get(i).partNumber()).size() < MIN_PART_BYTES) {
        return "EntityTooSmall";
      }
    }
    return null;
  }

  static List<BlobRef> chosenBlobs(CompleteMultipartUpload c, UploadState upload) {
    List<BlobRef> blobs = new ArrayList<>();
    for (ChosenPart chosen : c.parts()) {
      blobs.add(upload.parts().get(chosen.partNumber()));
    }
    return blobs;
  }

  /**
   * The whole object: id = upload id, total size, ETag = hex(md5(concat(part md5s))) + "-" + parts,
   * and for each additional checksum every part has, S3's composite checksum
   * base64(checksum(concat(part checksums))) + "-" + parts. (CRC64NVME exists only as a
   * full-object checksum, which would need the CRCs combined; it is not given for multipart.)
   */
  static BlobRef manifest(String uploadId, List<BlobRef> parts) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      long size = 0;
      for (BlobRef part : parts) {
        md5.update(HexFormat.of().parseHex(part.md5Hex()));
        size += part.size();
      }
      String etag = HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
      return new BlobRef(BlobId.of(uploadId), size, etag, compositeChecksums(parts));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<ChecksumAlgorithm, String> compositeChecksums(List<BlobRef> parts) {
    Map<ChecksumAlgorithm, String> composite = new EnumMap<>(ChecksumAlgorithm.class);
    for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
      if (algorithm == ChecksumAlgorithm.CRC64NVME || !parts.stream().allMatch(p -> p.checksums().containsKey(algorithm))) {
        continue;
      }
      ChecksumAlgorithm.Digest digest = algorithm.newDigest();
      for (BlobRef part : parts) {
        byte[] raw = Base64.getDecoder().decode(part.checksums().get(algorithm));
        digest.update(raw, 0, raw.length);
      }
      composite.put(algorithm, Base64.getEncoder().encodeToString(digest.digest()) + "-" + parts.size());
    }
    return composite;
  }

}
