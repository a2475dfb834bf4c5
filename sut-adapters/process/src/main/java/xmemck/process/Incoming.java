package xmemck.process;

/** What the reader of the implementation's standard output saw next. */
sealed interface Incoming {
    /** One complete line, without its line end. */
    record Line(String text) implements Incoming {}

    /** The implementation closed its standard output (usually: it exited). */
    record End() implements Incoming {}

    /** A line longer than the protocol allows; {@code prefix} is its beginning. */
    record Overlong(String prefix, long length) implements Incoming {}

    /** Reading failed. */
    record Failed(String message) implements Incoming {}
}
