package xmemck.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void theHandWrittenCheckAgreesWithTheDocumentedRule() {
        Pattern rule = Pattern.compile(Names.RULE);
        String[] samples = {
            "p1",
            "_x",
            "kbuf.2",
            "a-b",
            "",
            "1abc",
            "a b",
            "é",
            "x".repeat(64),
            "x".repeat(65),
            "A_z9.-",
            "-a",
            ".a",
            "a/b"
        };
        for (String s : samples) assertEquals(rule.matcher(s).matches(), Names.valid(s), s);
        assertEquals(false, Names.valid(null));
    }

    @Test
    void aBadNameIsRefusedWithTheRuleAndTheName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Names.check("region", "9lives"));
        assertEquals("region name must match " + Names.RULE + ", got \"9lives\"", e.getMessage());
    }
}
