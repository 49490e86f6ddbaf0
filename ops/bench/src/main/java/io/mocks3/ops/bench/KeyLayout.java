package io.mocks3.ops.bench;

/**
 * Where {@code count} objects go under {@code root}: {@code root/ddd/nnnnnnn}, object i in directory
 * i mod 1000, so that a million objects make 1000 directories of 1000 (what a prefix+delimiter
 * listing rolls up) and the keys sort in writing order within a directory.
 */
record KeyLayout(String root, long count) {
  static final int DIRECTORIES = 1000;

  /** The preloaded objects of {@code --objects N}. */
  static KeyLayout preload(long count) {
    return new KeyLayout("preload/", count);
  }

  String key(long i) {
    return String.format("%s%03d/%07d", root, i % DIRECTORIES, i);
  }

  /** The last key written: present once the whole layout was written. */
  String lastKey() {
    return key(count - 1);
  }

  long directories() {
    return Math.min(DIRECTORIES, count);
  }
}
