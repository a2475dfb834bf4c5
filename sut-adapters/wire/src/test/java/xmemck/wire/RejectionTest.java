package xmemck.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import xmemck.ops.Result;

/**
 * What the codecs refuse, and that every refusal says where: text that is not JSON (with line and
 * column), a member twice, values of the wrong type, integers with a fraction or out of range,
 * nesting past the limit. Also what the canonical writer must keep doing whatever Jackson's
 * defaults: lower-case escapes, no escaped slashes.
 */
class RejectionTest {
    private static final String COPYOUT_HEAD =
            "{\"op\":\"copyout\",\"context\":{\"kind\":\"interrupt\"},\"driverbuf\":{\"object\":\"k\",\"offset\":0},";

    @Test
    void textThatIsNotJsonIsRefusedWithLineAndColumn() {
        assertOpError(
                "{\"op\":\"pin\",}",
                "at $.op: invalid JSON at line 1, column 13",
                "double-quote to start property name");
        assertOpError("{\"op\" \"pin\"}", "at $.op: invalid JSON at line 1, column 7", "colon");
        assertOpError(
                "{\"op\":\"pin\"",
                "invalid JSON at line 1, column 12: Unexpected end-of-input: expected close marker for Object");
        assertOpError(
                "Segmentation fault\u0001",
                "at $: invalid JSON at line 1, column 1",
                "Unrecognized token 'Segmentation'");
        assertOpError("", "at $: no JSON value");
        assertOpError(
                "{\n  \"op\": \"pin\",\n  \"pages\": 01\n}",
                "at $.pages: invalid JSON at line 3, column",
                "Leading zeroes");
        assertOpError(
                COPYOUT_HEAD + "\"userbuf\":{\"object\":\"u\",\"offset\":tru},\"cn\":1}",
                "at $.userbuf.offset: invalid JSON",
                "'tru'");
        assertOpError(
                "{\"op\":\"create_process\",\"name\":\"p\"} {}",
                "at $: unexpected object after the JSON value");
        assertOpError("{\"op\":\"create_process\",\"name\":\"p\"} x", "at $: invalid JSON", "'x'");
    }

    @Test
    void aMemberTwiceIsRefused() {
        assertOpError(
                "{\"op\":\"create_process\",\"name\":\"p\",\"name\":\"q\"}",
                "at $.name: invalid JSON",
                "Duplicate Object property \"name\"");
        assertOpError(
                COPYOUT_HEAD + "\"userbuf\":{\"object\":\"u\",\"offset\":0,\"offset\":1},\"cn\":1}",
                "at $.userbuf.offset",
                "Duplicate");
        assertResultError(
                "{\"result\":\"returned\",\"value\":0,\"notes\":{\"a\":\"1\",\"a\":\"2\"}}",
                "at $.notes.a",
                "Duplicate");
    }

    @Test
    void valuesOfTheWrongTypeAreRefusedNamingTheField() {
        assertOpError(
                "{\"op\":\"create_process\",\"name\":7}",
                "at $: field \"name\" must be a string, got number 7");
        assertOpError(
                "{\"op\":\"observe_bytes\",\"object\":\"u\",\"from\":null,\"length\":1}",
                "at $: field \"from\" must be a number, got null");
        assertOpError(
                "{\"op\":\"set_frame\",\"sid\":\"f\",\"pno\":0,\"has_frame\":\"yes\"}",
                "at $: field \"has_frame\" must be true or false, got string \"yes\"");
        assertOpError(
                "{\"op\":\"xmdetach\",\"context\":\"interrupt\",\"dp\":\"d\"}",
                "at $.context: a context must be a JSON object, got string");
        assertOpError(
                COPYOUT_HEAD + "\"userbuf\":[0],\"cn\":1}",
                "at $.userbuf: an address must be a JSON object, got array");
        assertResultError(
                "{\"result\":\"digest\",\"object\":\"u\",\"from\":0,\"digests\":\"00\"}",
                "at $: field \"digests\" must be an array, got string");
        assertResultError(
                "{\"result\":\"bytes\",\"object\":\"u\",\"from\":0,\"data\":[1,2]}",
                "at $: field \"data\" must be a string of base64, got array");
        assertResultError(
                "{\"result\":\"bytes\",\"object\":\"u\",\"from\":0,\"data\":\"AAH\"}",
                "at $: field \"data\" must be standard base64 with padding",
                "padding");
        assertResultError(
                "{\"result\":\"returned\",\"value\":0,\"notes\":[]}",
                "at $.notes: notes must be a JSON object, got array");
    }

    @Test
    void integersMustBeWholeAndInRange() {
        assertOpError(
                "{\"op\":\"observe_bytes\",\"object\":\"u\",\"from\":0,\"length\":1.5}",
                "at $: field \"length\" must be a whole number without fraction or exponent, got 1.5");
        assertOpError(
                "{\"op\":\"observe_bytes\",\"object\":\"u\",\"from\":0,\"length\":1e3}",
                "without fraction or exponent, got 1e3");
        assertOpError(
                "{\"op\":\"observe_bytes\",\"object\":\"u\",\"from\":0,\"length\":2.0}",
                "without fraction or exponent, got 2.0");
        assertOpError(
                "{\"op\":\"observe_bytes\",\"object\":\"u\",\"from\":9223372036854775808,\"length\":1}",
                "at $: field \"from\" must be a whole number in the signed 64-bit range, got 9223372036854775808");
        assertOpError(
                "{\"op\":\"unmap\",\"object\":\"u\",\"first_page\":-2147483649,\"pages\":1}",
                "field \"first_page\" must fit in a 32-bit signed integer, got -2147483649");
        assertOpError(
                COPYOUT_HEAD + "\"userbuf\":{\"object\":\"u\",\"offset\":0},\"cn\":1.0}",
                "field \"cn\" must be a whole number from 0 to 18446744073709551615");
        assertOpError(
                "{\"op\":\"observe_bytes\",\"object\":\"u\",\"from\":0,\"length\":"
                        + "1".repeat(WireJson.MAX_NUMBER_LENGTH + 1)
                        + "}",
                "at $.length: invalid JSON",
                "over the limit on number length (64 characters)",
                "Number value length");
        assertResultError(
                "{\"result\":\"bytes\",\"object\":\"u\",\"from\":0,\"data\":\"\",\"unreadable_pages\":[1.5]}",
                "at $.unreadable_pages[0]: a page number must be a whole number");
        assertEquals(
                new Result.Returned(Long.MIN_VALUE),
                ResultCodec.decode("{\"result\":\"returned\",\"value\":-9223372036854775808}"));
    }

    @Test
    void nestingIsLimited() {
        String deep =
                "[".repeat(WireJson.MAX_NESTING_DEPTH) + "]".repeat(WireJson.MAX_NESTING_DEPTH);
        assertOpError(
                "{\"op\":\"pin\",\"object\":\"u\",\"first_page\":0,\"pages\":1,\"x\":" + deep + "}",
                "at $.x",
                "over the limit on nesting depth (16 levels)",
                "exceeds the maximum allowed (16");
    }

    @Test
    void aMessageOfTheProcessProtocolHasALimitOnTokensTheKitsOwnFilesDoNot() {
        String many =
                "{\"result\":\"digest\",\"object\":\"u\",\"from\":0,\"digests\":[],\"unreadable_pages\":["
                        + "0,".repeat((int) WireJson.MAX_MESSAGE_TOKENS)
                        + "0]}";
        byte[] line = many.getBytes(StandardCharsets.UTF_8);
        try (JsonParser p = WireJson.messageParser(line, 0, line.length)) {
            assertMessage(
                    assertThrows(WireFormatException.class, () -> ResultCodec.decode(p)),
                    "at $.unreadable_pages",
                    "over the limit on tokens per message (1000000)");
        }
        Result.Digest d =
                (Result.Digest)
                        ResultCodec.decode(many); // the same text as a file of the kit's own
        assertEquals(WireJson.MAX_MESSAGE_TOKENS + 1, d.unreadablePages().size());
    }

    @Test
    void theCanonicalWriterEscapesOnlyWhatJsonRequires() {
        String reason = "a/b \"q\" \\ \u0001\u001f\t\n\u007f\u00e9\u2028";
        String text = ResultCodec.encode(new Result.Unsupported(reason));
        assertEquals(
                "{\"result\":\"unsupported\",\"reason\":\"a/b \\\"q\\\" \\\\ \\u0001\\u001f\\t\\n\u007f\u00e9\u2028\"}",
                text);
        assertEquals(new Result.Unsupported(reason), ResultCodec.decode(text));
    }

    @Test
    void largeDataIsDecodedFromTheBytesOfTheLine() {
        byte[] data = new byte[3 << 20];
        new Random(7).nextBytes(data);
        String text = ResultCodec.encode(new Result.Bytes("u", -4096, data));
        assertTrue(
                text.contains("\"data\":\"" + Base64.getEncoder().encodeToString(data) + "\""),
                "standard base64, no line breaks");
        byte[] line = text.getBytes(StandardCharsets.UTF_8);
        try (JsonParser p = WireJson.parser(line, 0, line.length)) {
            Result.Bytes back = (Result.Bytes) ResultCodec.decode(p);
            assertArrayEquals(data, back.data());
        }
    }

    @Test
    void excerptsEscapeAndCut() {
        assertEquals("\"a\\u0000b\\n\"", Excerpt.of("a\0b\n", 100));
        assertEquals("\"abc\"... (10 characters, first 3 shown)", Excerpt.of("abcdefghij", 3));
        byte[] line = "x\u0001\u00e9yz".repeat(1000).getBytes(StandardCharsets.UTF_8);
        assertEquals(
                "\"x\\u0001\u00e9\"... (6000 bytes, first 3 characters shown)",
                Excerpt.ofUtf8(line, line.length, 3));
    }

    private static void assertOpError(String text, String... parts) {
        assertMessage(assertThrows(WireFormatException.class, () -> OpCodec.decode(text)), parts);
    }

    private static void assertResultError(String text, String... parts) {
        assertMessage(
                assertThrows(WireFormatException.class, () -> ResultCodec.decode(text)), parts);
    }

    private static void assertMessage(WireFormatException e, String... parts) {
        for (String p : parts)
            assertTrue(
                    e.getMessage().contains(p),
                    () -> "message \"" + e.getMessage() + "\" should contain \"" + p + "\"");
    }
}
