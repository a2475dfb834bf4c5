package xmemck.spi.wire;

/**
 * A printable, bounded excerpt of text received from elsewhere, for error messages: control and non-ASCII
 * characters are escaped (so garbage cannot corrupt a report or a terminal) and long text is cut, saying how long
 * it really was.
 */
public final class Excerpt {
    private Excerpt() {}

    public static String of(String text, int max) {
        if (text == null) return "(nothing)";
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max) + 32).append('"');
        int shown = 0;
        for (int i = 0; i < text.length() && shown < max; i++, shown++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\uFFFD') sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
        if (shown < text.length()) sb.append("... (").append(text.length()).append(" characters, first ").append(shown).append(" shown)");
        return sb.toString();
    }
}
