package xmemck.wire;

import java.nio.charset.StandardCharsets;

/**
 * A printable, bounded excerpt of text received from elsewhere, for error messages: control and
 * non-ASCII characters are escaped (so garbage cannot corrupt a report or a terminal) and long text
 * is cut, saying how long it really was.
 */
public final class Excerpt {
    private Excerpt() {}

    /** The text in double quotes, escaped and cut after {@code max} characters. */
    public static String of(String text, int max) {
        if (text == null) return "(nothing)";
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max) + 32).append('"');
        int shown = escape(text, max, true, sb);
        sb.append('"');
        if (shown < text.length())
            sb.append("... (")
                    .append(text.length())
                    .append(" characters, first ")
                    .append(shown)
                    .append(" shown)");
        return sb.toString();
    }

    /**
     * The beginning of {@code length} bytes of UTF-8 (a line an implementation wrote), in double
     * quotes, escaped and cut after {@code max} characters. Only the beginning is decoded: the line
     * may be a gigabyte long.
     */
    public static String ofUtf8(byte[] utf8, int length, int max) {
        int head = (int) Math.min(length, 4L * max + 4); // a character is at most 4 bytes of UTF-8
        String text = new String(utf8, 0, head, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max) + 32).append('"');
        int shown = escape(text, max, true, sb);
        sb.append('"');
        if (shown < text.length() || head < length)
            sb.append("... (")
                    .append(length)
                    .append(" bytes, first ")
                    .append(shown)
                    .append(" characters shown)");
        return sb.toString();
    }

    /**
     * The text cut as above, control characters escaped, quotes left alone: for the messages of
     * other libraries, which quote what they cite on their own.
     */
    static String inline(String text, int max) {
        if (text == null) return "";
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max) + 8);
        if (escape(text, max, false, sb) < text.length()) sb.append("...");
        return sb.toString();
    }

    /**
     * Appends up to {@code max} characters of {@code text}, escaped; answers how many were shown. A
     * surrogate pair is shown whole or not at all, and a surrogate without its partner is escaped:
     * an excerpt is always well-formed UTF-16, so that no report writer chokes on it.
     */
    private static int escape(String text, int max, boolean quoted, StringBuilder sb) {
        int shown = 0;
        for (int i = 0; i < text.length() && shown < max; i++, shown++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean pair =
                        Character.isHighSurrogate(c)
                                && i + 1 < text.length()
                                && Character.isLowSurrogate(text.charAt(i + 1));
                if (pair && shown + 2 <= max) {
                    sb.append(c).append(text.charAt(++i));
                    shown++;
                } else if (pair) {
                    break; // the pair does not fit: cut before it rather than between its halves
                } else {
                    sb.append(String.format("\\u%04x", (int) c));
                }
                continue;
            }
            switch (c) {
                case '"' -> sb.append(quoted ? "\\\"" : "\"");
                case '\\' -> sb.append(quoted ? "\\\\" : "\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20
                            || (c >= 0x7f && c < 0xa0)
                            || c == '\uFFFD'
                            || c == '\uFFFE'
                            || c == '\uFFFF') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return shown;
    }
}
