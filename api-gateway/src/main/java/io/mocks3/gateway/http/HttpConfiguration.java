package io.mocks3.gateway.http;

import io.mocks3.gateway.GatewayProperties;
import io.mocks3.gateway.core.BucketService;
import io.mocks3.gateway.core.MultipartService;
import io.mocks3.gateway.core.ObjectService;
import org.eclipse.jetty.ee11.servlet.ServletHandler;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the S3 edge, and Jetty set up to accept every key S3 accepts. */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {
  @Bean
  S3Addressing s3Addressing(GatewayProperties props) {
    return new S3Addressing(props.baseDomains());
  }

  @Bean
  Owners owners(GatewayProperties props) {
    return new Owners(props.owners());
  }

  @Bean
  BucketEndpoint bucketEndpoint(BucketService buckets, GatewayProperties props, Owners owners) {
    return new BucketEndpoint(buckets, props.consistency(), owners);
  }

  @Bean
  BucketConfigEndpoint bucketConfigEndpoint(BucketService buckets, GatewayProperties props) {
    return new BucketConfigEndpoint(buckets, props.consistency());
  }

  @Bean
  MultipartEndpoint multipartEndpoint(MultipartService multipart, BucketService buckets, GatewayProperties props, Owners owners,
      AclEndpoint acls) {
    return new MultipartEndpoint(multipart, buckets, props.consistency(), owners, acls);
  }

  @Bean
  AclEndpoint aclEndpoint(BucketService buckets, ObjectService objects, Owners owners, GatewayProperties props) {
    return new AclEndpoint(buckets, objects, owners, props.consistency());
  }

  @Bean
  PostObjectEndpoint postObjectEndpoint(ObjectService objects, GatewayProperties props) {
    return new PostObjectEndpoint(objects, props.consistency());
  }

  @Bean
  ObjectLockEndpoint objectLockEndpoint(ObjectService objects) {
    return new ObjectLockEndpoint(objects);
  }

  @Bean
  ObjectEndpoint objectEndpoint(ObjectService objects, AclEndpoint acls, GatewayProperties props) {
    return new ObjectEndpoint(objects, acls, props.consistency());
  }

  /**
   * S3 keys may hold "//", "%2F", "..", "%2e%2e" and other segments a web server normally
   * refuses as ambiguous. Keys never become file paths in MockS3, so the gateway accepts them all.
   * A request that sends nothing for {@code mocks3.body-read-timeout} while it is handled fails its
   * read (S3ErrorHandler answers RequestTimeout); an idle keep-alive connection keeps Jetty's own timeout.
   */
  @Bean
  WebServerFactoryCustomizer<JettyServletWebServerFactory> s3UriCompliance(GatewayProperties props) {
    return factory -> factory.addServerCustomizers(server -> {
      for (var connector : server.getConnectors()) {
        HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
        if (http != null) {
          http.getHttpConfiguration().setUriCompliance(UriCompliance.UNSAFE);
          http.getHttpConfiguration().setIdleTimeout(props.bodyReadTimeout().toMillis());
        }
      }
      server.getContainedBeans(ServletHandler.class).forEach(h -> h.setDecodeAmbiguousURIs(true));
      server.setErrorHandler(new S3BadRequestHandler());
    });
  }
}
