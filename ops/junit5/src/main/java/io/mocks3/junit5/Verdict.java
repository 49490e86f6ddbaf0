package io.mocks3.junit5;

/** A run's verdict: every expectation held (PASS) or at least one did not (FAIL). */
public enum Verdict { PASS, FAIL }
