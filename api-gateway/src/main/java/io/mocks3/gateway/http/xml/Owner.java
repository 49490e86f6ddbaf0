package io.mocks3.gateway.http.xml;

import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/** MockS3 has no accounts: every resource belongs to this one owner. */
public record Owner(
    @JacksonXmlProperty(localName = "ID") String id,
    @JacksonXmlProperty(localName = "DisplayName") String displayName) {
  public static final Owner DEFAULT =
      new Owner("75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", "mocks3");
}
