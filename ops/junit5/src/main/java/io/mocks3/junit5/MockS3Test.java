package io.mocks3.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test (class or method) against MockS3. Its methods may take an {@code S3Client}, an
 * {@code S3AsyncClient}, the control-plane client {@code MockS3Control}, the {@code MockS3Endpoint}
 * and the {@code Run} that {@link MockS3Extension} starts before each test (named after it) and stops
 * after it, faults cleared in between. Where MockS3 runs is chosen once per JVM; see {@link MockS3Extension}.
 *
 * <pre>{@code
 * @MockS3Test
 * class UploadTest {
 *   @Test
 *   void survivesLoss(S3Client s3, MockS3Control mocks3, Run run) {
 *     mocks3.chaos("mocks3.commands").loss(0.05).seed(7).apply();
 *     ... the code under test ...
 *     MockS3Assertions.assertThat(run.stop().report()).hasNoLostAcknowledgedWrites();
 *   }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MockS3Extension.class)
public @interface MockS3Test {}
