package io.mocks3.checker;

/**
 * The strongest model one key's history satisfies: linearizable, sequential, read-your-writes (both session
 * guarantees hold), monotonic-reads (only that one holds), eventual, none; or unknown when the linearizability
 * search ran out of its state budget.
 */
public record KeyVerdict(String key, String model, int operations) {
}
