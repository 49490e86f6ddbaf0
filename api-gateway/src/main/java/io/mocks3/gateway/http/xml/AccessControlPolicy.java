package io.mocks3.gateway.http.xml;

import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** The body of PutBucketAcl / PutObjectAcl: an owner and its grants (read only; answers are written by {@code Acl}). */
@JacksonXmlRootElement(localName = "AccessControlPolicy")
public record AccessControlPolicy(@JacksonXmlProperty(localName = "Owner") Owner owner,
    @JacksonXmlProperty(localName = "AccessControlList") GrantList accessControlList) {

  public List<GrantXml> grants() {
    return accessControlList == null || accessControlList.grants() == null ? List.of() : accessControlList.grants();
  }

  public record GrantList(
      @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Grant") List<GrantXml> grants) {}

  public record GrantXml(@JacksonXmlProperty(localName = "Grantee") Grantee grantee,
      @JacksonXmlProperty(localName = "Permission") String permission) {}

  /** {@code type} is the {@code xsi:type} attribute: CanonicalUser, Group or AmazonCustomerByEmail. */
  public record Grantee(@JacksonXmlProperty(isAttribute = true, localName = "type") String type,
      @JacksonXmlProperty(localName = "ID") String id, @JacksonXmlProperty(localName = "DisplayName") String displayName,
      @JacksonXmlProperty(localName = "URI") String uri, @JacksonXmlProperty(localName = "EmailAddress") String emailAddress) {}
}
