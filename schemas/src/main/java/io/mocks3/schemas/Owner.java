package io.mocks3.schemas;

/**
 * An S3 account as S3 names it in Owner and Initiator elements: a canonical id and a display name.
 * The gateway derives it from a request's access key; buckets keep the owner that created them,
 * uploads the owner that initiated them.
 */
public record Owner(String id, String displayName) {}
