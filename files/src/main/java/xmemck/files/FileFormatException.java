package xmemck.files;

/**
 * A file the kit was given or wrote earlier that it cannot use: the message names the file, the
 * line (when there is one) and the reason, as {@code FILE:LINE: reason}.
 */
public class FileFormatException extends IllegalArgumentException {
    private final String file;
    private final int line;
    private final String reason;

    public FileFormatException(String file, int line, String reason) {
        this(file, line, reason, null);
    }

    public FileFormatException(String file, int line, String reason, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    /** 1-based; 0 when the problem is the whole file (it cannot be read, it is empty). */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
