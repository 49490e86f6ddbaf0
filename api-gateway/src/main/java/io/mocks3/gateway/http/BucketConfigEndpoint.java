package io.mocks3.gateway.http;

import io.mocks3.gateway.core.BucketService;
import io.mocks3.gateway.core.Consistency;
import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.http.xml.CorsConfiguration;
import io.mocks3.gateway.http.xml.LifecycleConfigurationXml;
import io.mocks3.gateway.http.xml.NotificationConfigurationXml;
import io.mocks3.gateway.http.xml.ObjectLockConfigurationXml;
import io.mocks3.gateway.http.xml.Owner;
import io.mocks3.gateway.http.xml.OwnershipControls;
import io.mocks3.gateway.http.xml.PolicyStatus;
import io.mocks3.gateway.http.xml.PublicAccessBlockConfiguration;
import io.mocks3.gateway.http.xml.S3Xml;
import io.mocks3.gateway.http.xml.ServerSideEncryptionConfiguration;
import io.mocks3.gateway.http.xml.Tagging;
import io.mocks3.gateway.http.xml.VersioningConfiguration;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.Versioning;
import io.mocks3.schemas.acl.Acls;
import io.mocks3.schemas.acl.Grant;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration;
import io.mocks3.schemas.lock.ObjectLock;
import io.mocks3.schemas.lock.ObjectLockConfiguration;
import io.mocks3.schemas.notification.NotificationConfiguration;
import io.mocks3.schemas.origin.OriginConfiguration;
import io.mocks3.schemas.sse.Encryption;
import io.mocks3.schemas.notification.NotificationConfiguration.Destination;
import io.mocks3.schemas.notification.NotificationConfiguration.Type;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Bucket configuration sub-resources ({@code ?tagging}, {@code ?cors}, {@code ?versioning},
 * {@code ?notification}, {@code ?lifecycle}, {@code ?object-lock}, {@code ?policy}, {@code ?publicAccessBlock},
 * {@code ?ownershipControls}, {@code ?encryption}, MockS3's {@code ?mocks3-origin}): one mechanism for
 * all. A PUT parses and validates the document, then stores it through the log (canonical XML, or
 * the JSON the projector and the task workers act by); GET returns it; DELETE removes it.
 */
class BucketConfigEndpoint {
  static final int MAX_BUCKET_TAGS = 50;
  static final String OWNERSHIP_KIND = "ownershipControls";
  /** S3's limit on a bucket policy's size. */
  private static final int MAX_POLICY_BYTES = 20 * 1024;
  private static final Set<String> CORS_METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");
  private final BucketService buckets;
  private final Consistency defaultConsistency;

  /** A configuration kind: its query parameter, document type and the error when it is unset. */
  enum Kind {
    TAGGING("tagging", Tagging.class, S3ErrorCode.NO_SUCH_TAG_SET),
    CORS("cors", CorsConfiguration.class, S3ErrorCode.NO_SUCH_CORS_CONFIGURATION),
    /** Stored and answered; not enforced (no request is anonymous to MockS3: every one is its owner's). */
    PUBLIC_ACCESS_BLOCK("publicAccessBlock", PublicAccessBlockConfiguration.class,
        S3ErrorCode.NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION),
    /** Stored and answered; objects belong to the bucket's owner whatever it says (BucketOwnerEnforced). */
    OWNERSHIP_CONTROLS(OWNERSHIP_KIND, OwnershipControls.class, S3ErrorCode.OWNERSHIP_CONTROLS_NOT_FOUND),
    /** Stored as the JSON policy document and answered; not enforced. */
    POLICY("policy", null, S3ErrorCode.NO_SUCH_BUCKET_POLICY),
    /** Stored as the bare status (Enabled, Suspended): the projector decides writes by it. */
    VERSIONING(Versioning.KIND, VersioningConfiguration.class, null),
    /** Stored as NotificationConfiguration JSON: the projector sends events by it. */
    NOTIFICATION(NotificationConfiguration.KIND, NotificationConfigurationXml.class, null),
    /** Stored as LifecycleConfiguration JSON: the task workers expire objects by it. */
    LIFECYCLE(LifecycleConfiguration.KIND, LifecycleConfigurationXml.class, S3ErrorCode.NO_SUCH_LIFECYCLE_CONFIGURATION),
    /** Stored as Encryption JSON: the projector gives it to new versions that name none. */
    ENCRYPTION(Encryption.KIND, ServerSideEncryptionConfiguration.class,
        S3ErrorCode.SERVER_SIDE_ENCRYPTION_CONFIGURATION_NOT_FOUND),
    /** Stored as ObjectLockConfiguration JSON: the projector locks new versions and refuses deletes by it. */
    OBJECT_LOCK(ObjectLockConfiguration.KIND, ObjectLockConfigurationXml.class, S3ErrorCode.OBJECT_LOCK_CONFIGURATION_NOT_FOUND),
    /** MockS3's own sub-resource, JSON: the upstream a key this bucket misses is back-filled from. */
    ORIGIN("mocks3-origin", OriginConfiguration.class, S3ErrorCode.NO_SUCH_ORIGIN_CONFIGURATION);

    final String parameter;
    final Class<?> document;
    final S3ErrorCode missing;

    Kind(String parameter, Class<?> document, S3ErrorCode missing) {
      this.parameter = parameter;
      this.document = document;
      this.missing = missing;
    }

    static Kind of(S3Query query) {
      for (Kind kind : values()) {
        if (query.has(kind.parameter)) {
          return kind;
        }
      }
      return null;
    }
  }

  BucketConfigEndpoint(BucketService buckets, Consistency defaultConsistency) {
    this.buckets = buckets;
    this.defaultConsistency = defaultConsistency;
  }

  void handle(Kind kind, String method, String bucket, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Consistency mode = BucketEndpoint.consistency(request, defaultConsistency);
    if (kind == Kind.VERSIONING) {
      versioning(method, bucket, request, response, mode);
      return;
    }
    JsonConfig<?> json = switch (kind) {
      case NOTIFICATION -> NOTIFICATIONS;
      case LIFECYCLE -> LIFECYCLE;
      case OBJECT_LOCK -> OBJECT_LOCK;
      case ENCRYPTION -> ENCRYPTION;
      case POLICY -> POLICY;
      case ORIGIN -> ORIGIN;
      default -> null;
    };
    if (json != null) {
      jsonConfig(json, new Call(method, bucket, request, response, mode));
      return;
    }
    switch (method) {
      case "GET" -> {
        byte[] xml = buckets.config(bucket, kind.parameter)
            .orElseThrow(() -> new S3Exception(kind.missing))
            .getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/xml");
        response.setContentLength(xml.length);
        response.getOutputStream().write(xml);
      }
      case "PUT" -> {
        Object document = checked(XmlBody.read(request, kind.document));
        if (document instanceof OwnershipControls controls) {
          refuseEnforcedOverGrants(bucket, controls);
        }
        buckets.setConfig(bucket, kind.parameter, new String(S3Xml.write(document), StandardCharsets.UTF_8), mode);
        response.setStatus(kind == Kind.TAGGING ? 204 : 200);
      }
      case "DELETE" -> {
        buckets.setConfig(bucket, kind.parameter, null, mode);
        response.setStatus(204);
      }
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  /**
   * GetBucketVersioning answers an empty configuration for a bucket that never had versioning;
   * PutBucketVersioning takes Enabled or Suspended (MFA delete is not supported); there is no delete.
   */
  private void versioning(String method, String bucket, HttpServletRequest request, HttpServletResponse response,
      Consistency mode) throws IOException {
    switch (method) {
      case "GET" -> XmlBody.write(response, new VersioningConfiguration(buckets.config(bucket, Versioning.KIND).orElse(null), null));
      case "PUT" -> {
        VersioningConfiguration document = XmlBody.read(request, VersioningConfiguration.class);
        String status = document.status();
        if (!Versioning.ENABLED.equals(status) && !Versioning.SUSPENDED.equals(status)) {
          throw new S3Exception(S3ErrorCode.MALFORMED_XML, "Status must be Enabled or Suspended");
        }
        if ("Enabled".equals(document.mfaDelete())) {
          throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "MFA delete is not supported by MockS3");
        }
        buckets.setConfig(bucket, Versioning.KIND, status, mode);
        response.setStatus(200);
      }
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  /** One request to a configuration sub-resource. */
  private record Call(String method, String bucket, HttpServletRequest request, HttpServletResponse response, Consistency mode) {}

  /**
   * A configuration the projector or the task workers act by, stored as JSON: how a PUT's body
   * becomes it (null: none, so the PUT removes it), how a GET shows it (null when unset), and
   * whether it has a DELETE, the status a PUT answers, and whether a PUT waits for the projector's
   * decision whatever the request's consistency (one the projector may refuse: the answer must say
   * so). One mechanism for notifications, lifecycle rules, Object Lock, encryption, policies and origins.
   */
  private record JsonConfig<T>(String kind, Class<T> type, BodyParser<T> parse, Shower<T> show, boolean deletable,
      int putStatus, boolean decided) {
    JsonConfig(String kind, Class<T> type, BodyParser<T> parse, Shower<T> show, boolean deletable) {
      this(kind, type, parse, show, deletable, 200, false);
    }
  }

  @FunctionalInterface
  private interface BodyParser<T> {
    T parse(HttpServletRequest request, String bucket) throws IOException;
  }

  @FunctionalInterface
  private interface Shower<T> {
    void show(HttpServletResponse response, T stored) throws IOException;
  }

  /**
   * Get/PutBucketNotificationConfiguration. An empty configuration switches notifications off; a
   * destination without an Id gets one. Any ARN is accepted: the events for every destination go
   * to the {@code mocks3.notifications} topic, with the ARN in a header; the task workers also POST
   * those of webhook ARNs ({@code arn:mocks3:webhook:::<url>}) to the URL.
   */
  private static final JsonConfig<NotificationConfiguration> NOTIFICATIONS = new JsonConfig<>(NotificationConfiguration.KIND,
      NotificationConfiguration.class, (request, bucket) -> {
        NotificationConfiguration config = fromXml(XmlBody.read(request, NotificationConfigurationXml.class));
        return config.destinations().isEmpty() ? null : config;
      }, (response, stored) -> XmlBody.write(response, toXml(stored)), false);

  /** Get/Put/DeleteBucketLifecycle(Configuration). */
  private static final JsonConfig<LifecycleConfiguration> LIFECYCLE = new JsonConfig<>(LifecycleConfiguration.KIND,
      LifecycleConfiguration.class,
      (request, bucket) -> LifecycleDocuments.fromXml(XmlBody.read(request, LifecycleConfigurationXml.class)),
      (response, stored) -> XmlBody.write(response, LifecycleDocuments.toXml(required(stored,
          S3ErrorCode.NO_SUCH_LIFECYCLE_CONFIGURATION))), true);

  /**
   * Get/PutObjectLockConfiguration. A PUT enables Object Lock on a versioned bucket (the projector
   * refuses it, InvalidBucketState, on one that is not, so a PUT waits for its decision) and sets or clears its default retention; there
   * is no DELETE: Object Lock, once enabled, stays.
   */
  private static final JsonConfig<ObjectLockConfiguration> OBJECT_LOCK = new JsonConfig<>(ObjectLockConfiguration.KIND,
      ObjectLockConfiguration.class,
      (request, bucket) -> objectLock(XmlBody.read(request, ObjectLockConfigurationXml.class)),
      (response, stored) -> XmlBody.write(response, objectLockXml(required(stored, S3ErrorCode.OBJECT_LOCK_CONFIGURATION_NOT_FOUND))),
      false, 200, true);

  static ObjectLockConfiguration objectLock(ObjectLockConfigurationXml xml) {
    if (!"Enabled".equals(xml.objectLockEnabled())) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "ObjectLockEnabled must be Enabled");
    }
    if (xml.rule() == null) {
      return new ObjectLockConfiguration(null);
    }
    ObjectLockConfigurationXml.DefaultRetention retention = xml.rule().defaultRetention();
    if (retention == null || !ObjectLock.isMode(retention.mode())) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "A Rule has a DefaultRetention whose Mode is GOVERNANCE or COMPLIANCE");
    }
    if ((retention.days() == null) == (retention.years() == null)) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "A DefaultRetention has either Days or Years");
    }
    if ((retention.days() != null ? retention.days() : retention.years()) <= 0) {
      throw new S3Exception(S3ErrorCode.INVALID_RETENTION_PERIOD);
    }
    return new ObjectLockConfiguration(
        new ObjectLockConfiguration.DefaultRetention(retention.mode(), retention.days(), retention.years()));
  }

  static ObjectLockConfigurationXml objectLockXml(ObjectLockConfiguration config) {
    ObjectLockConfiguration.DefaultRetention retention = config.defaultRetention();
    return new ObjectLockConfigurationXml("Enabled", retention == null ? null : new ObjectLockConfigurationXml.Rule(
        new ObjectLockConfigurationXml.DefaultRetention(retention.mode(), retention.days(), retention.years())));
  }

  /**
   * Get/Put/DeleteBucketEncryption: the default server-side encryption of the bucket's new versions
   * (AES256, aws:kms or aws:kms:dsse, with a KMS key id for the latter two), applied by the projector.
   */
  private static final JsonConfig<Encryption> ENCRYPTION = new JsonConfig<>(Encryption.KIND, Encryption.class,
      (request, bucket) -> encryption(XmlBody.read(request, ServerSideEncryptionConfiguration.class)),
      (response, stored) -> {
        Encryption e = required(stored, S3ErrorCode.SERVER_SIDE_ENCRYPTION_CONFIGURATION_NOT_FOUND);
        XmlBody.write(response, new ServerSideEncryptionConfiguration(List.of(new ServerSideEncryptionConfiguration.Rule(
            new ServerSideEncryptionConfiguration.ByDefault(e.algorithm(), e.kmsKeyId()), e.bucketKeyEnabled()))));
      }, true);

  static Encryption encryption(ServerSideEncryptionConfiguration xml) {
    if (xml.rules() == null || xml.rules().size() != 1 || xml.rules().get(0).byDefault() == null) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "A ServerSideEncryptionConfiguration has one Rule with its "
          + "ApplyServerSideEncryptionByDefault");
    }
    ServerSideEncryptionConfiguration.Rule rule = xml.rules().get(0);
    try {
      return new Encryption(rule.byDefault().sseAlgorithm(), rule.byDefault().kmsMasterKeyId(), rule.bucketKeyEnabled());
    } catch (IllegalArgumentException e) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, e.getMessage());
    }
  }

  /**
   * Get/Put/DeleteBucketPolicy: any JSON object with a Statement, up to 20 KB (else MalformedPolicy),
   * stored as it reads and answered as JSON. MockS3 does not evaluate it: every request is its owner's.
   */
  private static final JsonConfig<JsonNode> POLICY = new JsonConfig<>("policy", JsonNode.class,
      (request, bucket) -> policy(request), (response, stored) -> {
        byte[] body = Json.mapper().writeValueAsBytes(required(stored, S3ErrorCode.NO_SUCH_BUCKET_POLICY));
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
      }, true, 204, false);

  /** GetBucketPolicyStatus: whether the bucket's policy makes it public ({@link BucketPolicies}); not public without one. */
  void policyStatus(String bucket, HttpServletResponse response) throws IOException {
    boolean isPublic = buckets.config(bucket, Kind.POLICY.parameter)
        .map(json -> BucketPolicies.isPublic(readJson(json, JsonNode.class))).orElse(false);
    XmlBody.write(response, new PolicyStatus(isPublic));
  }

  private static JsonNode policy(HttpServletRequest request) throws IOException {
    byte[] body;
    try (var in = RequestBody.of(request).stream()) {
      body = in.readNBytes(MAX_POLICY_BYTES + 1);
    }
    if (body.length > MAX_POLICY_BYTES) {
      throw new S3Exception(S3ErrorCode.MALFORMED_POLICY, "Policy exceeds the maximum allowed document size.");
    }
    JsonNode policy;
    try {
      policy = Json.mapper().readTree(body);
    } catch (JacksonException e) {
      throw new S3Exception(S3ErrorCode.MALFORMED_POLICY);
    }
    if (policy == null || !policy.isObject() || !policy.has("Statement")) {
      throw new S3Exception(S3ErrorCode.MALFORMED_POLICY, "Missing required field Statement");
    }
    return policy;
  }

  /**
   * The bucket's origin ({@code ?mocks3-origin}, a MockS3 extension, JSON): PUT
   * {@code {"endpoint": "http://upstream:9000", "bucket": "...", "region": "...", "accessKeyId": "...",
   * "secretAccessKey": "...", "pathStyle": true}} (only endpoint is required); GET shows it with the
   * secret redacted; DELETE switches back-fill off.
   */
  private static final JsonConfig<OriginConfiguration> ORIGIN = new JsonConfig<>(OriginConfiguration.KIND,
      OriginConfiguration.class, BucketConfigEndpoint::origin, (response, stored) -> {
        byte[] body = Json.mapper().writeValueAsBytes(required(stored, S3ErrorCode.NO_SUCH_ORIGIN_CONFIGURATION).redacted());
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
      }, true);

  private <T> void jsonConfig(JsonConfig<T> config, Call call) throws IOException {
    switch (call.method()) {
      case "GET" -> config.show().show(call.response(),
          buckets.config(call.bucket(), config.kind()).map(json -> readJson(json, config.type())).orElse(null));
      case "PUT" -> {
        T document = config.parse().parse(call.request(), call.bucket());
        buckets.setConfig(call.bucket(), config.kind(), document == null ? null : Json.mapper().writeValueAsString(document),
            config.decided() ? Consistency.STRONG : call.mode());
        call.response().setStatus(config.putStatus());
      }
      case "DELETE" -> {
        if (!config.deletable()) {
          throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
        }
        buckets.setConfig(call.bucket(), config.kind(), null, call.mode());
        call.response().setStatus(204);
      }
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  private static OriginConfiguration origin(HttpServletRequest request, String bucket) throws IOException {
    try (var in = RequestBody.of(request).stream()) {
      return Json.mapper().readValue(in.readNBytes(64 * 1024), OriginConfiguration.class).resolved(bucket);
    } catch (tools.jackson.core.JacksonException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The origin configuration is not JSON: " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid origin configuration: " + e.getMessage());
    }
  }

  private static <T> T required(T stored, S3ErrorCode missing) {
    if (stored == null) {
      throw new S3Exception(missing);
    }
    return stored;
  }

  private static <T> T readJson(String json, Class<T> type) {
    try {
      return Json.mapper().readValue(json, type);
    } catch (JacksonException e) {
      throw new IllegalStateException("stored " + type.getSimpleName() + " does not read", e);
    }
  }

  static NotificationConfiguration fromXml(NotificationConfigurationXml xml) {
    if (xml.eventBridge() != null) {
      throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "EventBridge notifications are not supported by MockS3");
    }
    List<Destination> destinations = new ArrayList<>();
    addDestinations(destinations, xml.topics(), Type.TOPIC);
    addDestinations(destinations, xml.queues(), Type.QUEUE);
    addDestinations(destinations, xml.functions(), Type.FUNCTION);
    return new NotificationConfiguration(destinations);
  }

  private static void addDestinations(List<Destination> into, List<NotificationConfigurationXml.Entry> entries, Type type) {
    if (entries == null) {
      return;
    }
    for (NotificationConfigurationXml.Entry entry : entries) {
      String arn = switch (type) {
        case TOPIC -> entry.topic();
        case QUEUE -> entry.queue();
        case FUNCTION -> entry.cloudFunction();
      };
      if (arn == null || arn.isBlank()) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML, "Every notification configuration needs a destination ARN");
      }
      String webhook = NotificationConfiguration.webhookUrl(arn);
      if (webhook != null && !webhook.matches("https?://[^\\s]+")) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "A webhook destination is arn:mocks3:webhook:::http(s)://host/path");
      }
      if (entry.events() == null || entry.events().isEmpty()) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML, "Every notification configuration needs at least one Event");
      }
      for (String event : entry.events()) {
        if (!NotificationConfiguration.EVENT_TYPES.contains(event)) {
          throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The event is not supported for notifications: " + event);
        }
      }
      String prefix = null;
      String suffix = null;
      List<NotificationConfigurationXml.FilterRule> rules = entry.filter() == null || entry.filter().s3Key() == null
          || entry.filter().s3Key().rules() == null ? List.of() : entry.filter().s3Key().rules();
      for (NotificationConfigurationXml.FilterRule rule : rules) {
        String name = rule.name() == null ? "" : rule.name().toLowerCase(Locale.ROOT);
        if (name.equals("prefix") && prefix == null) {
          prefix = rule.value() == null ? "" : rule.value();
        } else if (name.equals("suffix") && suffix == null) {
          suffix = rule.value() == null ? "" : rule.value();
        } else {
          throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
              "Cannot specify more than one prefix or suffix rule in a filter, and rule names are prefix or suffix");
        }
      }
      String id = entry.id() == null || entry.id().isBlank() ? UUID.randomUUID().toString() : entry.id();
      into.add(new Destination(id, type, arn, entry.events(), prefix, suffix));
    }
  }

  static NotificationConfigurationXml toXml(NotificationConfiguration config) {
    List<NotificationConfigurationXml.Entry> topics = new ArrayList<>();
    List<NotificationConfigurationXml.Entry> queues = new ArrayList<>();
    List<NotificationConfigurationXml.Entry> functions = new ArrayList<>();
    for (Destination d : config == null ? List.<Destination>of() : config.destinations()) {
      List<NotificationConfigurationXml.FilterRule> rules = new ArrayList<>();
      if (d.prefix() != null) {
        rules.add(new NotificationConfigurationXml.FilterRule("Prefix", d.prefix()));
      }
      if (d.suffix() != null) {
        rules.add(new NotificationConfigurationXml.FilterRule("Suffix", d.suffix()));
      }
      NotificationConfigurationXml.Filter filter = rules.isEmpty() ? null
          : new NotificationConfigurationXml.Filter(new NotificationConfigurationXml.S3Key(rules));
      switch (d.type()) {
        case TOPIC -> topics.add(new NotificationConfigurationXml.Entry(d.id(), d.arn(), null, null, d.events(), filter));
        case QUEUE -> queues.add(new NotificationConfigurationXml.Entry(d.id(), null, d.arn(), null, d.events(), filter));
        case FUNCTION -> functions.add(new NotificationConfigurationXml.Entry(d.id(), null, null, d.arn(), d.events(), filter));
      }
    }
    return new NotificationConfigurationXml(topics.isEmpty() ? null : topics, queues.isEmpty() ? null : queues,
        functions.isEmpty() ? null : functions, null);
  }

  /** BucketOwnerEnforced turns ACLs off: S3 refuses it while the bucket's ACL grants anything to anyone but its owner. */
  private void refuseEnforcedOverGrants(String bucket, OwnershipControls controls) {
    if (!"BucketOwnerEnforced".equals(controls.rules().get(0).objectOwnership())) {
      return;
    }
    Owner owner = Owners.shown(buckets.require(bucket).owner());
    List<Grant> grants = Acls.grants(AclEndpoint.bucketAcl(buckets, bucket), owner.id());
    if (grants != null && !AclEndpoint.ownerOnly(grants, owner)) {
      throw new S3Exception(S3ErrorCode.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP);
    }
  }

  /** {@code document} as it is stored, once it is valid: S3's errors otherwise. */
  private static Object checked(Object document) {
    if (document instanceof PublicAccessBlockConfiguration block) {
      return block.stated();
    }
    if (document instanceof OwnershipControls controls) {
      if (controls.rules() == null || controls.rules().size() != 1
          || !OwnershipControls.SETTINGS.contains(controls.rules().get(0).objectOwnership())) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML,
            "OwnershipControls has one Rule whose ObjectOwnership is BucketOwnerEnforced, BucketOwnerPreferred or ObjectWriter");
      }
    }
    validate(document);
    return document;
  }

  private static void validate(Object document) {
    if (document instanceof Tagging tagging) {
      ObjectEndpoint.fromTagging(tagging, MAX_BUCKET_TAGS);
    } else if (document instanceof CorsConfiguration cors) {
      List<CorsConfiguration.Rule> rules = cors.rules() == null ? List.of() : cors.rules();
      if (rules.isEmpty() || rules.size() > 100) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML, "A CORS configuration has 1 to 100 rules");
      }
      for (CorsConfiguration.Rule rule : rules) {
        if (rule.allowedMethods() == null || rule.allowedMethods().isEmpty()
            || rule.allowedOrigins() == null || rule.allowedOrigins().isEmpty()) {
          throw new S3Exception(S3ErrorCode.MALFORMED_XML, "Every CORSRule needs an AllowedMethod and an AllowedOrigin");
        }
        for (String method : rule.allowedMethods()) {
          if (!CORS_METHODS.contains(method)) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                "Found unsupported HTTP method in CORS config. Unsupported method is " + method);
          }
        }
        for (String origin : rule.allowedOrigins()) {
          if (origin.indexOf('*') != origin.lastIndexOf('*')) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                "AllowedOrigin \"" + origin + "\" can not have more than one wildcard.");
          }
        }
      }
    }
  }
}
