package io.stave.routes.text;

/**
 * A JSON object that names the same key twice. {@link #where()} is the key's path ({@code
 * requests[0].useType}) rather than a position, so an API can name it as the field at fault; the
 * position of the second occurrence is in {@link #what()}.
 */
public class DuplicateKeyException extends MalformedTextException {
  private static final long serialVersionUID = 1L;

  public DuplicateKeyException(String path, String what) {
    super(path, what);
  }
}
