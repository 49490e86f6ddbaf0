package io.mocks3.gateway.http.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

@JacksonXmlRootElement(localName = "Error")
public record ErrorResponse(
    @JacksonXmlProperty(localName = "Code") String code,
    @JacksonXmlProperty(localName = "Message") String message,
    @JacksonXmlProperty(localName = "BucketName") String bucketName,
    @JacksonXmlProperty(localName = "Key") String key,
    @JacksonXmlProperty(localName = "Resource") String resource,
    @JacksonXmlProperty(localName = "RequestId") String requestId) {}
