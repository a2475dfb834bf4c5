package xmemck.wire;

/**
 * Text that is not JSON, or JSON that is not a well-formed message of the operation language: the
 * one exception of every decoder. The message names the path ({@code at $.context: ...}) and, for
 * text that is not JSON, the line and column.
 */
public final class WireFormatException extends IllegalArgumentException {
    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
