package xmemck.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The one place where text an implementation controls is capped and made well-formed: a visible
 * marker where it was cut, a surrogate pair never split, and every character no report format can
 * carry replaced by U+FFFD.
 */
class UntrustedTextTest {

    @Test
    void shortWellFormedTextIsKeptAsItIs() {
        String s = "no ADI on this machine: caf\u00e9 \uD83D\uDE00\ttab\nline";
        assertSame(s, UntrustedText.capped(s, 2000), "nothing to copy in the usual case");
        assertTrue(UntrustedText.isWellFormed(s));
    }

    @Test
    void longTextIsCutWithAMarkerThatSaysHowLongItWas() {
        String s = "x".repeat(5000);
        assertEquals(
                "x".repeat(200) + "\u2026 (cut, 5000 chars in all)", UntrustedText.capped(s, 200));
        assertEquals(
                "x".repeat(200),
                UntrustedText.capped("x".repeat(200), 200),
                "exactly at the cap: not cut");
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        String s = "x".repeat(199) + "\uD83D\uDE00" + "y".repeat(100);
        String cut = UntrustedText.capped(s, 200);
        assertEquals("x".repeat(199) + UntrustedText.cutMarker(s.length()), cut);
        assertTrue(UntrustedText.isWellFormed(cut));
    }

    @Test
    void loneSurrogatesControlsAndNonCharactersAreReplaced() {
        assertEquals(
                "a\uFFFDb\uFFFDc\uFFFD\uFFFDd\uFFFD\uFFFD",
                UntrustedText.sanitized("a\uD800b\uDC00c\u0000\u0007d\uFFFE\uFFFF"));
        assertEquals(
                "\uFFFD\uD83D\uDE00\uFFFD",
                UntrustedText.sanitized("\uDE00\uD83D\uDE00\uD83D"),
                "halves in the wrong order");
        assertEquals(
                "tab\tlf\ncr\r del\u007f",
                UntrustedText.sanitized("tab\tlf\ncr\r del\u007f"),
                "what every format carries is kept");
        assertFalse(UntrustedText.isWellFormed("x\uD800"));
        assertEquals(
                "\uFFFD" + "e".repeat(9) + UntrustedText.cutMarker(20),
                UntrustedText.capped("\uDC00" + "e".repeat(19), 10));
    }

    @Test
    void excerptsEscapeLoneSurrogatesAndNeverSplitAPair() {
        assertEquals("\"a\\ud800b\"", Excerpt.of("a\uD800b", 10));
        assertEquals("\"\uD83D\uDE00\"", Excerpt.of("\uD83D\uDE00", 10));
        String cut = Excerpt.of("ab\uD83D\uDE00cd", 3);
        assertEquals("\"ab\"... (6 characters, first 2 shown)", cut);
        assertTrue(UntrustedText.isWellFormed(cut));
    }
}
