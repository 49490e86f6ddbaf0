package io.mocks3.projector.core;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import io.mocks3.schemas.command.CompleteMultipartUpload;
import io.mocks3.schemas.command.CompleteMultipartUpload.ChosenPart;
import io.mocks3.schemas.command.UploadChecksum;
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
      if (stored == null || !stored.md5Hex().equals(CommandDecider.unquote(part.etag() == null ? "" : part.etag()))
          || !statedChecksumsHold(part, stored)) {
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

  /** Every checksum the client states for a part is the one stored with it. */
  private static boolean statedChecksumsHold(ChosenPart part, BlobRef stored) {
    return part.checksums().entrySet().stream()
        .allMatch(stated -> stated.getValue().trim().equals(stored.checksums().get(stated.getKey())));
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
   * and its additional checksums ({@link #checksums}).
   */
  static BlobRef manifest(String uploadId, List<BlobRef> parts, UploadChecksum declared) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      long size = 0;
      for (BlobRef part : parts) {
        md5.update(HexFormat.of().parseHex(part.md5Hex()));
        size += part.size();
      }
      String etag = HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
      return new BlobRef(BlobId.of(uploadId), size, etag, checksums(parts, declared));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static BlobRef manifest(String uploadId, List<BlobRef> parts) {
    return manifest(uploadId, parts, null);
  }

  /**
   * The object's additional checksums: with a declared algorithm, that one only, of the declared
   * type; without one, each algorithm every part has, COMPOSITE except CRC64NVME (FULL_OBJECT only).
   * COMPOSITE is base64(checksum(concat(part checksums))) + "-" + parts; FULL_OBJECT is the CRC of
   * all the bytes, combined from the parts' CRCs.
   */
  static Map<ChecksumAlgorithm, String> checksums(List<BlobRef> parts, UploadChecksum declared) {
    Map<ChecksumAlgorithm, String> result = new EnumMap<>(ChecksumAlgorithm.class);
    for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
      if ((declared != null && declared.algorithm() != algorithm)
          || !parts.stream().allMatch(p -> p.checksums().containsKey(algorithm))) {
        continue;
      }
      UploadChecksum type = declared != null ? declared : UploadChecksum.withDefaultType(algorithm);
      if (type.fullObject() && CrcCombination.combinable(algorithm)) {
        result.put(algorithm, fullObject(algorithm, parts));
      } else if (!type.fullObject() && algorithm != ChecksumAlgorithm.CRC64NVME) {
        result.put(algorithm, composite(algorithm, parts));
      }
    }
    return result;
  }

  private static String composite(ChecksumAlgorithm algorithm, List<BlobRef> parts) {
    ChecksumAlgorithm.Digest digest = algorithm.newDigest();
    for (BlobRef part : parts) {
      byte[] raw = Base64.getDecoder().decode(part.checksums().get(algorithm));
      digest.update(raw, 0, raw.length);
    }
    return Base64.getEncoder().encodeToString(digest.digest()) + "-" + parts.size();
  }

  private static String fullObject(ChecksumAlgorithm algorithm, List<BlobRef> parts) {
    byte[] first = Base64.getDecoder().decode(parts.get(0).checksums().get(algorithm));
    long crc = CrcCombination.value(first);
    for (BlobRef part : parts.subList(1, parts.size())) {
      long next = CrcCombination.value(Base64.getDecoder().decode(part.checksums().get(algorithm)));
      crc = CrcCombination.combine(algorithm, crc, next, part.size());
    }
    return Base64.getEncoder().encodeToString(CrcCombination.bytes(crc, first.length));
  }

  /**
   * The error code of a completion whose stated whole-object checksums differ from the computed
   * ones (BadDigest), or that lacks the declared algorithm on a part (InvalidRequest); else null.
   * A composite value may be stated with or without its "-N".
   */
  static String checksumViolation(CompleteMultipartUpload c, UploadState upload, BlobRef object) {
    UploadChecksum declared = upload.checksum();
    if (declared != null && !object.checksums().containsKey(declared.algorithm())) {
      return "InvalidRequest";
    }
    for (Map.Entry<ChecksumAlgorithm, String> stated : c.checksums().entrySet()) {
      String computed = object.checksums().get(stated.getKey());
      String value = stated.getValue().trim();
      if (computed == null || !(computed.equals(value) || computed.startsWith(value + "-"))) {
        return "BadDigest";
      }
    }
    return null;
  }
}
