package xmemck.oracle;

/**
 * Where the bytes of a {@link Effect.Write} come from, read lazily so that large copies cost only
 * what is looked at.
 */
public sealed interface Data {

    /** The bytes of {@code object} starting at {@code offset}, as they were before the call. */
    record CopyOf(String object, long offset) implements Data {}

    /** Zero bytes. */
    record Zeros() implements Data {}
}
