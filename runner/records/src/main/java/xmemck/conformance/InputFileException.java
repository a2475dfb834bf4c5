package xmemck.conformance;

import xmemck.files.FileFormatException;

/**
 * A file given to the kit (expectations, profile, bundle) that cannot be used: the message names
 * the file, the line (when there is one) and the reason, as {@code FILE:LINE: reason}.
 */
public final class InputFileException extends FileFormatException {
    public InputFileException(String file, int line, String reason) {
        super(file, line, reason);
    }

    /** The same problem, found by the kit's JSON reader in a file given to the kit. */
    public InputFileException(FileFormatException e) {
        super(e.file(), e.line(), e.reason(), e);
    }
}
