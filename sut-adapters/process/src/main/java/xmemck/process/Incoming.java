package xmemck.process;

/**
 * What the reader of the implementation's standard output saw next, or, for the last three kinds,
 * what the waiting side concluded when nothing came.
 */
sealed interface Incoming {
    /**
     * One complete line, without its line end: the first {@code length} bytes of {@code bytes},
     * UTF-8. Kept as bytes because a line may be a gigabyte of base64 that the parser decodes in
     * place. {@code decoded}: what the reader's decoder made of it (see {@link
     * ChildProcess#start}), or the exception it threw; null when it ran out of memory.
     */
    record Line(byte[] bytes, int length, Object decoded) implements Incoming {}

    /** The implementation closed its standard output (usually: it exited). */
    record End() implements Incoming {}

    /** A line longer than the protocol allows; {@code prefix} is its beginning. */
    record Overlong(String prefix, long length) implements Incoming {}

    /** Reading failed. */
    record Failed(String message) implements Incoming {}

    /** Nothing at all arrived for the silence timeout. */
    record Silence() implements Incoming {}

    /** Bytes kept arriving, but no complete line came before the overall deadline of the answer. */
    record Overdue() implements Incoming {}

    /**
     * The implementation exited, and everything it wrote before has been read, but its standard
     * output is still open: a process it started holds it.
     */
    record Exited() implements Incoming {}
}
