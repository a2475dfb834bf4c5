package xmemck.spi.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesAndWritesCanonicalText() {
        String text = " { \"b\" : [1, -2, 3.5e2, true, false, null], \"a\": \"x\\u00e9\\n\\\"\" } ";
        Json v = Json.parse(text);
        assertEquals("{\"b\":[1,-2,3.5e2,true,false,null],\"a\":\"x\u00e9\\n\\\"\"}", v.write());
        assertEquals(v, Json.parse(v.write()), "writing then reading gives the same value");
    }

    @Test
    void keepsSixtyFourBitIntegersExact() {
        Json.Num n = (Json.Num) Json.parse("-9223372036854775808");
        assertEquals(Long.MIN_VALUE, n.asLong().getAsLong());
        assertEquals(1000L, ((Json.Num) Json.parse("1e3")).asLong().getAsLong());
        assertTrue(((Json.Num) Json.parse("1.5")).asLong().isEmpty());
        assertTrue(((Json.Num) Json.parse("9223372036854775808")).asLong().isEmpty());
    }

    @Test
    void escapesControlCharactersWhenWriting() {
        assertEquals("\"a\\u0001b\\tc\"", new Json.Str("a\u0001b\tc").write());
    }

    @Test
    void syntaxErrorsNameThePosition() {
        assertMessage("{\"a\":1,}", "at character 8", "member name");
        assertMessage("{\"a\" 1}", "at character 6", "expected ':'");
        assertMessage("[1 2]", "at character 4", "expected ',' or ']'");
        assertMessage("\"abc", "unterminated string");
        assertMessage("01", "after the JSON value");
        assertMessage("{\"a\":1,\"a\":2}", "duplicate member name \"a\"");
        assertMessage("", "unexpected end of text");
        assertMessage("garbage", "expected a value, found 'g'");
        assertMessage("\"a\u0001\"", "character U+0001 inside a string must be escaped");
        assertMessage("[-]", "expected a digit");
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "[".repeat(JsonReader.MAX_DEPTH + 1) + "]".repeat(JsonReader.MAX_DEPTH + 1);
        assertMessage(deep, "nesting deeper than " + JsonReader.MAX_DEPTH);
        String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertEquals(ok, Json.parse(ok).write());
    }

    @Test
    void builderRefusesDuplicateMembers() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.object().put("a", 1).put("a", 2));
        assertTrue(e.getMessage().contains("duplicate member \"a\""));
    }

    @Test
    void excerptEscapesAndCuts() {
        assertEquals("\"a\\u0000b\\n\"", Excerpt.of("a\0b\n", 100));
        assertEquals("\"abc\"... (10 characters, first 3 shown)", Excerpt.of("abcdefghij", 3));
    }

    private static void assertMessage(String text, String... parts) {
        WireFormatException e = assertThrows(WireFormatException.class, () -> Json.parse(text));
        for (String p : parts) assertTrue(e.getMessage().contains(p), () -> "message \"" + e.getMessage() + "\" should contain \"" + p + "\"");
    }
}
