package xmemck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void splitsLikeAShellWithoutExpanding() {
        assertEquals(List.of("impl", "--fault", "x"), CommandLine.split("  impl  --fault\tx "));
        assertEquals(
                List.of("sh", "-c", "read h; echo \"$h\""),
                CommandLine.split("sh -c 'read h; echo \"$h\"'"));
        assertEquals(
                List.of("a b", "c\"d", "e\\f"), CommandLine.split("\"a b\" \"c\\\"d\" e\\\\f"));
        assertEquals(List.of("$HOME", "*"), CommandLine.split("$HOME *"));
        assertEquals(List.of("", "x"), CommandLine.split("'' x"));
        assertEquals(List.of("ab"), CommandLine.split("a'b'"));
    }

    @Test
    void joinQuotesWhatSplitWouldBreak() {
        List<String> words = List.of("impl", "two words", "it's", "");
        assertEquals(words, CommandLine.split(CommandLine.join(words)));
        assertEquals("impl --fault=x", CommandLine.join(List.of("impl", "--fault=x")));
    }

    @Test
    void badCommandLinesAreExplained() {
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> CommandLine.split("impl 'open"))
                        .getMessage()
                        .contains("unterminated ' quote at character 6"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> CommandLine.split("impl \"open"))
                        .getMessage()
                        .contains("unterminated \" quote"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> CommandLine.split("   "))
                        .getMessage()
                        .contains("empty"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> CommandLine.split("impl \\"))
                        .getMessage()
                        .contains("lone backslash"));
    }
}
