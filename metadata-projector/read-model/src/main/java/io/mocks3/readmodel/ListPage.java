package io.mocks3.readmodel;

import java.util.List;

/** A page of a listing; {@code lastEntry} (a key or a common prefix) is where the next page starts after. */
public record ListPage(List<ObjectRow> objects, List<String> commonPrefixes, boolean truncated, String lastEntry) {}
