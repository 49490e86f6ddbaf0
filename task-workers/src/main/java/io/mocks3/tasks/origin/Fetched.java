package io.mocks3.tasks.origin;

import java.util.Map;

/** What the upstream sent, checked: its length, the bytes' MD5, the headers and user metadata to store with them. */
record Fetched(long size, byte[] md5, Map<String, String> headers, Map<String, String> metadata) {}
