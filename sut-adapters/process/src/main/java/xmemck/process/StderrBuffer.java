package xmemck.process;

import java.nio.charset.StandardCharsets;

/**
 * Keeps what the implementation writes to its standard error until the kit drains it into the report, bounded so
 * that a chatty implementation cannot exhaust memory: past the limit the oldest text is dropped and the drop is
 * said in the text.
 */
final class StderrBuffer {
    static final int LIMIT = 1 << 20;

    private final StringBuilder text = new StringBuilder();
    private long dropped;

    synchronized void append(byte[] bytes, int length) {
        text.append(new String(bytes, 0, length, StandardCharsets.UTF_8));
        if (text.length() > LIMIT) {
            int cut = text.length() - LIMIT;
            dropped += cut;
            text.delete(0, cut);
        }
    }

    /** Everything kept since the last drain, and empties the buffer. */
    synchronized String drain() {
        String out = (dropped > 0 ? "[" + dropped + " earlier characters of standard error dropped]\n" : "") + text;
        text.setLength(0);
        dropped = 0;
        return out;
    }

    /** The last few lines (at most {@code max} characters), without draining: for failure messages. */
    synchronized String tail(int max) {
        String s = text.toString().strip();
        if (s.length() <= max) return s;
        String t = s.substring(s.length() - max);
        int nl = t.indexOf('\n');
        return "..." + (nl >= 0 && nl < t.length() - 1 ? t.substring(nl + 1) : t);
    }
}
