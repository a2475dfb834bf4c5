package xmemck.spi.wire;

/**
 * Text that is not JSON, or JSON that is not a well-formed message of the operation language. The message names
 * the place: a character position for syntax, a path such as {@code $.context.kind} for content.
 */
public final class WireFormatException extends IllegalArgumentException {
    public WireFormatException(String message) { super(message); }

    public WireFormatException(String message, Throwable cause) { super(message, cause); }
}
