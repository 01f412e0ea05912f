package io.stave.interfaces.rest.problem;

/** 413: a body above the endpoint's limit, refused before (or as soon as) it passes the limit. */
public class ContentTooLarge extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ContentTooLarge(String detail) {
    super(detail);
  }
}
