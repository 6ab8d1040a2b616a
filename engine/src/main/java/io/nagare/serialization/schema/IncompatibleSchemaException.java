package io.nagare.serialization.schema;

/**
 * State was written in a shape the present serializer cannot read, such as a field whose type
 * changed. The message says what changed ({@code field 'amount' changed from int to
 * java.lang.String}); callers add which state of which operator.
 */
public final class IncompatibleSchemaException extends Exception {
  private static final long serialVersionUID = 1L;

  public IncompatibleSchemaException(String difference) {
    super(difference);
  }
}
