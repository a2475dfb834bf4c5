package xmemck.process;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import xmemck.wire.UntrustedText;

/**
 * Keeps what the implementation writes to its standard error until the kit drains it into the
 * report (once per scenario, and when a failure is reported), bounded so that a chatty
 * implementation can neither exhaust memory nor bury the report: past {@link #LIMIT} characters the
 * oldest text is dropped (the end, where the last words before a crash are, is what matters) and
 * the text says so. Bytes are decoded as UTF-8 across reads (a character split between two reads
 * stays whole; ill-formed bytes become U+FFFD) and what is handed out is well-formed ({@link
 * UntrustedText#sanitized}).
 */
final class StderrBuffer {
    /** The most characters kept between two drains: 64 Ki. */
    static final int LIMIT = 64 << 10;

    private final StringBuilder text = new StringBuilder();
    private final CharsetDecoder decoder =
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);

    /** The bytes of a character whose end has not arrived yet (at most 3). */
    private byte[] carry = new byte[0];

    private long dropped;

    synchronized void append(byte[] bytes, int length) {
        ByteBuffer in = ByteBuffer.allocate(carry.length + length);
        in.put(carry).put(bytes, 0, length).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        carry = new byte[in.remaining()];
        in.get(carry);
        text.append(out.flip());
        if (text.length() > LIMIT) {
            int cut = text.length() - LIMIT;
            if (Character.isLowSurrogate(text.charAt(cut)))
                cut++; // never keep half a surrogate pair
            dropped += cut;
            text.delete(0, cut);
        }
    }

    /** Everything kept since the last drain, and empties the buffer. */
    synchronized String drain() {
        String out =
                (dropped > 0
                                ? "[standard error cut: the first "
                                        + dropped
                                        + " characters since the last report were dropped, the last "
                                        + text.length()
                                        + " are kept]\n"
                                : "")
                        + UntrustedText.sanitized(text.toString());
        text.setLength(0);
        dropped = 0;
        return out;
    }

    /**
     * The last few lines (at most {@code max} characters), without draining: for failure messages.
     */
    synchronized String tail(int max) {
        String s = UntrustedText.sanitized(text.toString()).strip();
        if (s.length() <= max) return s;
        String t = s.substring(s.length() - max);
        int nl = t.indexOf('\n');
        return "..." + (nl >= 0 && nl < t.length() - 1 ? t.substring(nl + 1) : t);
    }
}
