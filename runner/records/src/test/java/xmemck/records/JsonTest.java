package xmemck.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void stringsWithQuotesControlCharactersAndTagsRoundTrip() {
        String s = "a\"b\\c\nd\te\u0001 </script> <&'> é";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", s);
        m.put("list", List.of(1L, 2.5, true, "x"));
        m.put("nothing", null);
        String text = Json.write(m);
        assertTrue(text.contains("<\\/script>"), "a closing tag is escaped: " + text);
        assertTrue(text.contains("\\u0001"), text);
        assertEquals(m, Json.parse(text, "t"));
    }

    @Test
    void numbersStayPlainAndNonFiniteBecomesNull() {
        assertEquals("[\n  3,\n  0.125,\n  null,\n  null\n]", Json.write(List.of(3.0, 0.125, Double.NaN, Double.POSITIVE_INFINITY)));
        assertEquals("0.0000001", Json.write(1e-7));
    }

    @Test
    void errorsNameTheLineAndColumn() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\n  \"a\": 1,\n  \"b\" 2\n}", "results.json"));
        assertEquals("results.json:3:7: expected ':'", e.getMessage());
        var dup = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1,\"a\":2}", "f"));
        assertTrue(dup.getMessage().contains("duplicate key \"a\""), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x", "f"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"open", "f"));
    }
}
