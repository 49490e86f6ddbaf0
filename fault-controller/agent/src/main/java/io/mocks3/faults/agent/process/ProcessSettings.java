package io.mocks3.faults.agent.process;

import java.nio.file.Path;

/**
 * Safety settings of process scenarios ({@code mocks3.process.*}): off unless {@code enabled};
 * {@code crash} also needs {@code crash-enabled}; leaks and writes stop at the caps.
 */
public record ProcessSettings(boolean enabled, boolean crashEnabled, long maxMemoryMb, int maxThreads, long maxDiskMb,
    Path scratchDir) {}
