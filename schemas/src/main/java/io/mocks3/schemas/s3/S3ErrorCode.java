package io.mocks3.schemas.s3;

/**
 * The S3 error codes MockS3 answers with, and their HTTP status (AWS S3 API reference): the
 * gateway's own errors and the ones the fault agent injects ({@link #forStatus}) come from this
 * one list.
 */
public enum S3ErrorCode {
  ACCESS_CONTROL_LIST_NOT_SUPPORTED("AccessControlListNotSupported", 400, "The bucket does not allow ACLs"),
  ACCESS_DENIED("AccessDenied", 403, "Access Denied"),
  ACCESS_FORBIDDEN("AccessForbidden", 403, "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."),
  AUTHORIZATION_QUERY_PARAMETERS_ERROR("AuthorizationQueryParametersError", 400, "Error parsing the X-Amz-Credential parameter."),
  BAD_REQUEST("BadRequest", 400, "Bad Request"),
  BAD_DIGEST("BadDigest", 400, "The Content-MD5 you specified did not match what we received."),
  BUCKET_ALREADY_EXISTS("BucketAlreadyExists", 409, "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again."),
  BUCKET_ALREADY_OWNED_BY_YOU("BucketAlreadyOwnedByYou", 409, "Your previous request to create the named bucket succeeded and you already own it."),
  BUCKET_NOT_EMPTY("BucketNotEmpty", 409, "The bucket you tried to delete is not empty"),
  INCOMPLETE_BODY("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header."),
  ENTITY_TOO_LARGE("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size"),
  ENTITY_TOO_SMALL("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size."),
  INTERNAL_ERROR("InternalError", 500, "We encountered an internal error. Please try again."),
  INVALID_ARGUMENT("InvalidArgument", 400, "Invalid Argument"),
  INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP("InvalidBucketAclWithObjectOwnership", 400,
      "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting"),
  INVALID_BUCKET_STATE("InvalidBucketState", 409, "The request is not valid with the current state of the bucket."),
  INVALID_BUCKET_NAME("InvalidBucketName", 400, "The specified bucket is not valid."),
  INVALID_DIGEST("InvalidDigest", 400, "The Content-MD5 you specified is not valid."),
  INVALID_POLICY_DOCUMENT("InvalidPolicyDocument", 400, "The content of the form does not meet the conditions specified in the policy document."),
  INVALID_PART("InvalidPart", 400, "One or more of the specified parts could not be found. The part might not have been uploaded, or the specified entity tag might not have matched the part's entity tag."),
  INVALID_PART_ORDER("InvalidPartOrder", 400, "The list of parts was not in ascending order. Parts must be ordered by part number."),
  INVALID_PART_NUMBER("InvalidPartNumber", 416, "The requested partnumber is not satisfiable"),
  INVALID_RANGE("InvalidRange", 416, "The requested range is not satisfiable"),
  INVALID_TAG("InvalidTag", 400, "The tag provided was not a valid tag."),
  INVALID_URI("InvalidURI", 400, "Couldn't parse the specified URI."),
  INVALID_REQUEST("InvalidRequest", 400, "Invalid Request"),
  INVALID_RETENTION_PERIOD("InvalidRetentionPeriod", 400, "Default retention period must be a positive integer value."),
  KEY_TOO_LONG("KeyTooLongError", 400, "Your key is too long"),
  MALFORMED_ACL_ERROR("MalformedACLError", 400,
      "The XML you provided was not well-formed or did not validate against our published schema"),
  MALFORMED_POLICY("MalformedPolicy", 400, "Policies must be valid JSON and the first byte must be '{'"),
  MALFORMED_POST_REQUEST("MalformedPOSTRequest", 400, "The body of your POST request is not well-formed multipart/form-data."),
  MALFORMED_XML("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema."),
  METHOD_NOT_ALLOWED("MethodNotAllowed", 405, "The specified method is not allowed against this resource."),
  MISSING_CONTENT_LENGTH("MissingContentLength", 411, "You must provide the Content-Length HTTP header."),
  NO_SUCH_BUCKET("NoSuchBucket", 404, "The specified bucket does not exist"),
  NO_SUCH_BUCKET_POLICY("NoSuchBucketPolicy", 404, "The bucket policy does not exist"),
  NO_SUCH_CORS_CONFIGURATION("NoSuchCORSConfiguration", 404, "The CORS configuration does not exist"),
  NO_SUCH_KEY("NoSuchKey", 404, "The specified key does not exist."),
  NO_SUCH_OBJECT_LOCK_CONFIGURATION("NoSuchObjectLockConfiguration", 404,
      "The specified object does not have a ObjectLock configuration"),
  NO_SUCH_LIFECYCLE_CONFIGURATION("NoSuchLifecycleConfiguration", 404, "The lifecycle configuration does not exist"),
  /** MockS3's own: the bucket has no origin (read-through back-fill) configured. */
  NO_SUCH_ORIGIN_CONFIGURATION("NoSuchOriginConfiguration", 404, "The bucket has no origin configuration"),
  NO_SUCH_UPLOAD("NoSuchUpload", 404, "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."),
  NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION("NoSuchPublicAccessBlockConfiguration", 404,
      "The public access block configuration was not found"),
  NO_SUCH_TAG_SET("NoSuchTagSet", 404, "The TagSet does not exist"),
  NO_SUCH_VERSION("NoSuchVersion", 404, "The specified version does not exist."),
  OWNERSHIP_CONTROLS_NOT_FOUND("OwnershipControlsNotFoundError", 404, "The bucket ownership controls were not found"),
  OPERATION_ABORTED("OperationAborted", 409, "A conflicting conditional operation is currently in progress against this resource. Try again."),
  REQUEST_TIMEOUT("RequestTimeout", 400, "Your socket connection to the server was not read from or written to within the timeout period."),
  GATEWAY_TIMEOUT("GatewayTimeout", 504, "The server did not answer in time."),
  ILLEGAL_VERSIONING_CONFIGURATION("IllegalVersioningConfigurationException", 400,
      "The versioning configuration specified in the request is invalid."),
  OBJECT_LOCK_CONFIGURATION_NOT_FOUND("ObjectLockConfigurationNotFoundError", 404,
      "Object Lock configuration does not exist for this bucket"),
  NOT_IMPLEMENTED("NotImplemented", 501, "A header or query you provided implies functionality that is not implemented."),
  PRECONDITION_FAILED("PreconditionFailed", 412, "At least one of the preconditions you specified did not hold."),
  UNEXPECTED_CONTENT("UnexpectedContent", 400, "This request does not support content"),
  UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS("UnresolvableGrantByEmailAddress", 400,
      "The email address you provided does not match any account on record."),
  SERVER_SIDE_ENCRYPTION_CONFIGURATION_NOT_FOUND("ServerSideEncryptionConfigurationNotFoundError", 404,
      "The server side encryption configuration was not found"),
  SERVICE_UNAVAILABLE("ServiceUnavailable", 503, "Please reduce your request rate."),
  SLOW_DOWN("SlowDown", 503, "Please reduce your request rate.");

  /**
   * The code an error of an HTTP status carries when nobody named one (an injected fault with only
   * an http_code). The status is the caller's: a 429 is SlowDown although S3 sends SlowDown as 503.
   */
  private static final java.util.Map<Integer, S3ErrorCode> BY_STATUS = java.util.Map.of(
      400, BAD_REQUEST, 403, ACCESS_DENIED, 404, NO_SUCH_KEY, 408, REQUEST_TIMEOUT, 409, OPERATION_ABORTED,
      429, SLOW_DOWN, 500, INTERNAL_ERROR, 501, NOT_IMPLEMENTED, 503, SERVICE_UNAVAILABLE, 504, GATEWAY_TIMEOUT);

  private final String code;
  private final int status;
  private final String defaultMessage;

  S3ErrorCode(String code, int status, String defaultMessage) {
    this.code = code;
    this.status = status;
    this.defaultMessage = defaultMessage;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  public String defaultMessage() {
    return defaultMessage;
  }

  /** The enum constant for an error code decided elsewhere (the projector's rejections). */
  public static S3ErrorCode forCode(String code) {
    for (S3ErrorCode c : values()) {
      if (c.code.equals(code)) {
        return c;
      }
    }
    return INTERNAL_ERROR;
  }

  /** The code for an error of {@code status} that names none; an unlisted status is InternalError (5xx) or BadRequest. */
  public static S3ErrorCode forStatus(int status) {
    return BY_STATUS.getOrDefault(status, status >= 500 ? INTERNAL_ERROR : BAD_REQUEST);
  }
}
