package io.mocks3.gateway.http.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlText;

/** GetBucketLocation's body; empty text means us-east-1, as in AWS. */
@JacksonXmlRootElement(localName = "LocationConstraint", namespace = S3Xml.NAMESPACE)
public record LocationConstraint(@JacksonXmlText String region) {}
