package io.stave.interfaces.rest.problem;

import java.util.List;

/** 415: the body's Content-Type is missing or not one the endpoint reads; says which it reads. */
public class UnsupportedContentType extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnsupportedContentType(String contentType, String endpoint, List<String> accepted) {
    super(detail(contentType, endpoint, accepted));
  }

  static String detail(String contentType, String endpoint, List<String> accepted) {
    String reads = endpoint + " reads " + String.join(" or ", accepted);
    return contentType == null || contentType.isBlank()
        ? "The request has no Content-Type; " + reads + "."
        : "The Content-Type '" + contentType + "' is not one " + reads + ".";
  }
}
