package io.mocks3.junit5;

import io.mocks3.client.MockS3Control;
import io.mocks3.client.Run;
import io.mocks3.client.RunSpec;
import io.mocks3.testcontainers.MockS3Endpoint;
import java.util.Set;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * MockS3 for JUnit 5: {@code @MockS3Test}, or {@code @RegisterExtension static MockS3Extension mocks3 = new MockS3Extension();}.
 *
 * <p>Once per JVM it finds or starts MockS3, in this order: a running one at {@code mocks3.endpoint}
 * ({@code MOCKS3_ENDPOINT}); {@code MockS3Container} where a Docker engine answers; the local stack as
 * processes from the built checkout at {@code mocks3.repo} ({@code MOCKS3_REPO}), with its data in
 * {@code mocks3.home} and ports offset by {@code mocks3.port-offset} (20000). {@code mocks3.mode}
 * ({@code endpoint|container|processes}) forces one. The same test code runs in each.
 *
 * <p>Before each test every fault is cleared (kill switch released, rules, chaos, scenarios and process
 * orders removed) and a run named after the test starts; after it the run is stopped if the test did not
 * stop it, and the faults are cleared again. Test methods may take {@link S3Client}, {@link S3AsyncClient},
 * {@link MockS3Control}, {@link MockS3Endpoint} and (in a test, not a lifecycle method) the {@link Run}.
 */
public class MockS3Extension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final Logger LOG = Logger.getLogger(MockS3Extension.class.getName());
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MockS3Extension.class);
  private static final Set<Class<?>> PARAMETERS = Set.of(S3Client.class, S3AsyncClient.class, MockS3Control.class,
      MockS3Endpoint.class, Run.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    suite(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    MockS3Control control = suite(context).control();
    control.reset();
    Run run = control.startRun(RunSpec.named(runName(context)));
    context.getStore(NAMESPACE).put(Run.class, run);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Run run = context.getStore(NAMESPACE).remove(Run.class, Run.class);
    MockS3Control control = suite(context).control();
    try {
      if (run != null && run.refresh().state() == Run.State.OPEN) {
        run.stop();
      }
    } finally {
      control.reset();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return PARAMETERS.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == Run.class) {
      Run run = context.getStore(NAMESPACE).get(Run.class, Run.class);
      if (run == null) {
        throw new ParameterResolutionException("a Run exists only while a test runs: take it in the test method, "
            + "not in " + parameter.getDeclaringExecutable().getName());
      }
      return run;
    }
    SuiteStack suite = suite(context);
    if (type == S3Client.class) {
      return suite.s3();
    }
    if (type == S3AsyncClient.class) {
      return suite.s3Async();
    }
    return type == MockS3Control.class ? suite.control() : suite.endpoint();
  }

  /** The run's name: the test class and method, e.g. {@code UploadTest.survivesLoss}. */
  static String runName(ExtensionContext context) {
    return context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
  }

  /** The one MockS3 of this JVM's tests, with its clients; stopped when the whole test plan ends. */
  private static SuiteStack suite(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SuiteStack.class, k -> {
      try {
        MockS3Stack stack = StackSelector.fromEnvironment().start();
        LOG.info(() -> "MockS3 tests run on " + stack.description());
        return new SuiteStack(stack);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("MockS3 did not start: " + e.getMessage(), e);
      }
    }, SuiteStack.class);
  }
}
