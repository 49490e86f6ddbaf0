package io.mocks3.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.junit5.MockS3Test;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** Pattern 1: a plain S3 test. MockS3 is an S3 endpoint like any other; no fault is in force. */
@MockS3Test
class ReceiptArchiveIT {
  @Test
  void storesAndFetchesAReceipt(S3Client s3) {
    ReceiptArchive archive = new ReceiptArchive(s3, "receipts-plain", ReceiptArchive.Retries.none(), false);
    archive.create();

    assertThat(archive.store("r-1", "coffee 3.20")).isEqualTo(1);

    assertThat(archive.fetch("r-1")).contains("coffee 3.20");
    assertThat(archive.fetch("r-2")).isEmpty();
  }
}
