package xmemck.conformance;

/**
 * A file given to the kit (expectations, profile, bundle) that cannot be used: the message names the file, the line
 * (when there is one) and the reason, as {@code FILE:LINE: reason}.
 */
public final class InputFileException extends IllegalArgumentException {
    private final String file;
    private final int line;
    private final String reason;

    public InputFileException(String file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() { return file; }

    /** 1-based; 0 when the problem is the whole file (it cannot be read, it is empty). */
    public int line() { return line; }

    public String reason() { return reason; }
}
