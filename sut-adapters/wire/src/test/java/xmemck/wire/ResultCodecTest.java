package xmemck.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;

class ResultCodecTest {

    @Test
    void everyResultSurvivesARoundTrip() {
        List<Result> samples =
                List.of(
                        new Result.Done(),
                        new Result.Returned(-1),
                        new Result.Returned(
                                Long.MAX_VALUE, Map.of("z", "last", "a", "first \"quoted\"")),
                        new Result.Bytes(
                                "ubuf", -4096, new byte[] {0, (byte) 0xff, 0x7f, (byte) 0x80, 1}),
                        new Result.Bytes("ubuf", 0, new byte[0], List.of(-1L, 2L)),
                        new Result.Digest(
                                "ubuf",
                                -4096,
                                new long[] {0, -1, 0x61c16eedaa56a2ccL},
                                List.of(1L)),
                        new Result.Protection(Prot.NONE),
                        new Result.Unsupported("no ADI on this machine"));
        for (Result r : samples) {
            String text = ResultCodec.encode(r);
            assertEquals(r, ResultCodec.decode(text), text);
            assertEquals(text, ResultCodec.encode(ResultCodec.decode(text)));
        }
    }

    @Test
    void canonicalTextSortsNotesAndUsesBase64() {
        assertEquals(
                "{\"result\":\"returned\",\"value\":0,\"notes\":{\"a\":\"1\",\"b\":\"2\"}}",
                ResultCodec.encode(new Result.Returned(0, Map.of("b", "2", "a", "1"))));
        assertEquals(
                "{\"result\":\"bytes\",\"object\":\"u\",\"from\":-2,\"data\":\"AAH/\"}",
                ResultCodec.encode(new Result.Bytes("u", -2, new byte[] {0, 1, (byte) 0xff})));
        Result.Bytes b =
                (Result.Bytes)
                        ResultCodec.decode(
                                "{\"result\":\"bytes\",\"object\":\"u\",\"from\":3,\"data\":\"AAH/\",\"unreadable_pages\":[0]}");
        assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, b.data());
        assertEquals(List.of(0L), b.unreadablePages());
    }

    @Test
    void digestsAreSixteenHexDigits() {
        assertEquals(
                "{\"result\":\"digest\",\"object\":\"u\",\"from\":0,\"digests\":[\"a2118c93ea87ebfb\",\"0000000000000001\"]}",
                ResultCodec.encode(
                        new Result.Digest("u", 0, new long[] {0xa2118c93ea87ebfbL, 1}, List.of())));
    }

    @Test
    void badResultsAreRejected() {
        assertError(
                "{\"result\":\"bytes\",\"object\":\"u\",\"from\":0,\"data\":\"AA*\"}",
                "standard base64");
        assertError("{\"result\":\"returned\"}", "field \"value\" is missing");
        assertError("{\"result\":\"returned\",\"value\":0,\"errno\":5}", "unknown field \"errno\"");
        assertError("{\"result\":\"unsupported\",\"reason\":\" \"}", "non-empty \"reason\"");
        assertError("{\"result\":\"maybe\"}", "unknown result kind \"maybe\"");
        assertError(
                "{\"result\":\"returned\",\"value\":0,\"notes\":{\"k\":1}}",
                "note \"k\" must be a string");
        assertError(
                "{\"result\":\"bytes\",\"object\":\"u\",\"from\":0,\"data\":\"\",\"unreadable_pages\":[\"x\"]}",
                "unreadable_pages[0]");
        assertError(
                "{\"result\":\"digest\",\"object\":\"u\",\"from\":0,\"digests\":[\"abc\"]}",
                "digests[0]: a digest must be a string of 16 hexadecimal digits");
        // Sixteen characters, one of them not an ASCII hexadecimal digit (a letter past f, a
        // full-width digit, which Character.digit would take for a digit).
        assertError(
                "{\"result\":\"digest\",\"object\":\"u\",\"from\":0,\"digests\":[\"00000000000000g0\"]}",
                "digests[0]: a digest must be a string of 16 hexadecimal digits");
        assertError(
                "{\"result\":\"digest\",\"object\":\"u\",\"from\":0,\"digests\":[\"0000000000000000\",\"000000000000000\uff11\"]}",
                "digests[1]: a digest must be a string of 16 hexadecimal digits");
    }

    @Test
    void membersNobodyTakesAreListedInTheirOrderAndNoneMayComeTwice() {
        assertError(
                "{\"result\":\"returned\",\"zeta\":1,\"value\":0,\"alpha\":[2]}",
                "unknown fields \"zeta\", \"alpha\"");
        assertError("{\"result\":\"done\",\"value\":3}", "unknown field \"value\"");
        assertError(
                "{\"result\":\"returned\",\"value\":1,\"value\":2}",
                "Duplicate Object property \"value\"");
    }

    @Test
    void digestsAreReadInEitherCase() {
        Result r =
                ResultCodec.decode(
                        "{\"result\":\"digest\",\"object\":\"u\",\"from\":0,\"digests\":[\"FFFFFFFFFFFFFFFE\",\"a2118c93ea87ebfb\"]}");
        assertArrayEquals(
                new long[] {0xFFFFFFFFFFFFFFFEL, 0xa2118c93ea87ebfbL},
                ((Result.Digest) r).digests());
    }

    @Test
    void capabilitiesRoundTripAndForgiveWhatThePromiseAllows() {
        Capabilities c =
                Capabilities.allBut(
                        Map.of(
                                Capability.ADI,
                                "no tagged memory",
                                Capability.HARDWARE_ERROR,
                                "cannot inject ECC errors"));
        List<String> warnings = new ArrayList<>();
        assertEquals(c, CapabilitiesCodec.decode(CapabilitiesCodec.encode(c), warnings));
        assertEquals(List.of(), warnings);

        Capabilities partial =
                CapabilitiesCodec.decode(
                        "{\"missing\":{\"ADI\":\"none here\"},\"supported\":[\"COPYOUT\",\"TIME_TRAVEL\"]}",
                        warnings);
        assertEquals(EnumSet.of(Capability.COPYOUT), partial.supported());
        assertEquals("none here", partial.missing().get(Capability.ADI));
        assertEquals(CapabilitiesCodec.UNDECLARED, partial.missing().get(Capability.VM_MVC));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("\"TIME_TRAVEL\""), warnings.get(0));

        var both =
                assertThrows(
                        WireFormatException.class,
                        () ->
                                CapabilitiesCodec.decode(
                                        "{\"supported\":[\"ADI\"],\"missing\":{\"ADI\":\"x\"}}",
                                        new ArrayList<>()));
        assertTrue(both.getMessage().contains("both supported and missing"), both.getMessage());
        var twice =
                assertThrows(
                        WireFormatException.class,
                        () ->
                                CapabilitiesCodec.decode(
                                        "{\"supported\":[\"ADI\",\"ADI\"]}", new ArrayList<>()));
        assertTrue(
                twice.getMessage().contains("at $.supported[1]: capability ADI is listed twice"),
                twice.getMessage());
        var noReason =
                assertThrows(
                        WireFormatException.class, () -> inHello("{\"missing\":{\"ADI\":\"\"}}"));
        assertTrue(
                noReason.getMessage().contains("at $.capabilities.missing.ADI"),
                noReason.getMessage());
        var misspelt = assertThrows(WireFormatException.class, () -> inHello("{\"suported\":[]}"));
        assertTrue(
                misspelt.getMessage().contains("at $.capabilities: unknown field \"suported\""),
                misspelt.getMessage());
    }

    /** The capabilities as the member of a hello: paths in messages start at the message. */
    private static Capabilities inHello(String capabilities) {
        try (JsonParser p =
                WireJson.parser("{\"type\":\"hello\",\"capabilities\":" + capabilities + "}")) {
            p.nextToken();
            p.nextName();
            p.nextToken();
            p.nextName();
            p.nextToken();
            return CapabilitiesCodec.decode(p, new ArrayList<>());
        }
    }

    private static void assertError(String text, String expected) {
        WireFormatException e =
                assertThrows(WireFormatException.class, () -> ResultCodec.decode(text));
        assertTrue(
                e.getMessage().contains(expected),
                () -> "message \"" + e.getMessage() + "\" should contain \"" + expected + "\"");
    }
}
