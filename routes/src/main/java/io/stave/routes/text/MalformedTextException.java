package io.stave.routes.text;

/**
 * Bytes that are not the text they claim to be: invalid UTF-8, JSON that does not parse or nests
 * too deeply. Says where (a line and column, and the byte offset where it helps) and what, so each
 * channel can report it in its own terms (a feed problem, a request's field error).
 */
public class MalformedTextException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String where;
  private final String what;

  public MalformedTextException(String where, String what) {
    super(where + ": " + what, null, false, false);
    this.where = where;
    this.what = what;
  }

  public String where() {
    return where;
  }

  public String what() {
    return what;
  }
}
