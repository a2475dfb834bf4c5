package xmemck.wire;

/**
 * Text that an implementation under test controls (its name, the reasons it gives, its error
 * messages, its notes and standard error), made safe to keep at the moment it is decoded: cut to a
 * size, with a visible marker, so that an implementation cannot make the kit hold or print
 * gigabytes of it; and well-formed, so that no report writer downstream (JSON, XML, HTML, a
 * terminal) chokes on it.
 *
 * <p>Well-formed means: every character is one that every text format of the reports can carry. An
 * unpaired UTF-16 surrogate (which a JSON {@code \}{@code ud800} escape produces), a C0 control
 * character other than tab, line feed and carriage return (which XML 1.0 cannot hold even escaped)
 * and the non-characters U+FFFE and U+FFFF are each replaced by U+FFFD, the replacement character.
 * The sizes are documented in the "Limits" section of {@code sut-adapters/PROTOCOL.md}.
 */
public final class UntrustedText {
    private UntrustedText() {}

    /** The longest implementation name kept, in characters (UTF-16 units). */
    public static final int MAX_NAME = 200;

    /**
     * The longest reason ({@code unsupported}, a missing capability), error message or note kept,
     * in characters.
     */
    public static final int MAX_REASON = 2_000;

    /**
     * The most notes kept of one result; the rest are replaced by one note saying how many there
     * were.
     */
    public static final int MAX_NOTES = 64;

    /** The most warnings kept of one hello (capability names the kit does not know). */
    public static final int MAX_WARNINGS = 20;

    public static final char REPLACEMENT = '\uFFFD';

    /**
     * {@code text} well-formed and cut after {@code max} characters, followed by {@code … (cut, N
     * chars in all)} when cut. A surrogate pair is never split by the cut. Only the kept part is
     * examined, so this costs the same for a gigabyte as for {@code max} characters.
     */
    public static String capped(String text, int max) {
        if (text == null) return null;
        if (text.length() <= max) return sanitized(text);
        int end = max;
        if (end > 0
                && Character.isHighSurrogate(text.charAt(end - 1))
                && Character.isLowSurrogate(text.charAt(end))) end--;
        return sanitized(text.substring(0, end)) + cutMarker(text.length());
    }

    /** The marker appended to text that was cut: how long it was. */
    public static String cutMarker(long total) {
        return "\u2026 (cut, " + total + " chars in all)";
    }

    /**
     * {@code text} with every character no report format can carry replaced by U+FFFD (see the
     * class comment).
     */
    public static String sanitized(String text) {
        if (text == null) return null;
        int first = firstBad(text);
        if (first < 0) return text; // the usual case: nothing to copy
        StringBuilder sb = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                sb.append(c).append(text.charAt(++i));
            } else {
                sb.append(bad(c) ? REPLACEMENT : c);
            }
        }
        return sb.toString();
    }

    /** Whether {@code text} needs no replacement. */
    public static boolean isWellFormed(String text) {
        return firstBad(text) < 0;
    }

    /** The index of the first character to replace, or -1. */
    private static int firstBad(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (bad(c)) {
                return i;
            }
        }
        return -1;
    }

    /** A character to replace, once surrogate pairs have been taken whole. */
    private static boolean bad(char c) {
        return Character.isSurrogate(c)
                || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                || c == '\uFFFE'
                || c == '\uFFFF';
    }

    /** The name of the note that says a result's notes were cut. */
    public static final String CUT_NOTES = "\u2026";

    /**
     * {@code c} with the reason of each missing capability capped ({@link #MAX_REASON}) and
     * well-formed.
     */
    public static xmemck.spi.Capabilities safe(xmemck.spi.Capabilities c) {
        java.util.Map<xmemck.spi.Capability, String> missing =
                new java.util.EnumMap<>(xmemck.spi.Capability.class);
        c.missing().forEach((cap, reason) -> missing.put(cap, capped(reason, MAX_REASON)));
        return missing.equals(c.missing())
                ? c
                : new xmemck.spi.Capabilities(c.supported(), missing);
    }

    /**
     * {@code r} with the text the implementation controls capped and well-formed: an unsupported
     * answer's reason; a return's notes (names {@link #MAX_NAME}, values {@link #MAX_REASON}; the
     * first {@link #MAX_NOTES} by name kept, and a note named {@link #CUT_NOTES} saying how many
     * there were). Anything else is returned as it is.
     */
    public static xmemck.ops.Result safe(xmemck.ops.Result r) {
        return switch (r) {
            case xmemck.ops.Result.Unsupported u ->
                    new xmemck.ops.Result.Unsupported(capped(u.reason(), MAX_REASON));
            case xmemck.ops.Result.Returned x when !x.notes().isEmpty() -> {
                java.util.Map<String, String> notes = new java.util.TreeMap<>();
                int kept = 0;
                for (java.util.Map.Entry<String, String> n :
                        new java.util.TreeMap<>(x.notes()).entrySet()) {
                    if (kept++ == MAX_NOTES) break;
                    notes.merge(
                            capped(n.getKey(), MAX_NAME),
                            capped(n.getValue(), MAX_REASON),
                            (a, b) -> a + "; " + b);
                }
                if (x.notes().size() > MAX_NOTES) {
                    notes.put(
                            CUT_NOTES,
                            "(cut, "
                                    + x.notes().size()
                                    + " notes in all; the first "
                                    + MAX_NOTES
                                    + " by name are kept)");
                }
                yield notes.equals(x.notes())
                        ? x
                        : new xmemck.ops.Result.Returned(x.value(), notes);
            }
            default -> r;
        };
    }
}
