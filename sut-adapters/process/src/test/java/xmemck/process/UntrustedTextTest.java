package xmemck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.process.Fakes.assertContains;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.Capability;
import xmemck.spi.SutFailure;
import xmemck.spi.SutFailure.Kind;
import xmemck.wire.UntrustedText;

/**
 * Text the implementation controls is capped, with a visible marker, and made well-formed as it is
 * decoded: the fake names itself in 10,000 characters and gives reasons of thousands, with unpaired
 * surrogates and a control character in each. Before, all of it went to every report as sent, where
 * one lone surrogate is enough to break a writer. Standard error is kept up to 64 Ki characters
 * between two reports, saying when it was cut.
 */
class UntrustedTextTest {
    static final Op OP = new Setup.CreateProcess("p");

    /**
     * What the fake's text begins with once sanitised: each lone surrogate and the bell replaced,
     * the pair kept.
     */
    static final String CLEAN_HEAD =
            "untidy \uFFFD lone \uFFFD bell \uFFFD pair \uD83D\uDE00 abcdefghij";

    private final Fakes fakes = new Fakes();

    @AfterEach
    void nothingLeft() throws InterruptedException {
        fakes.closeAllAndCheckNothingIsLeft();
    }

    @Test
    void namesReasonsAndMessagesAreCappedAndWellFormed() throws Exception {
        ProcessSut s = fakes.start(Duration.ofSeconds(5), "untidy");
        int head =
                CLEAN_HEAD.length()
                        - "abcdefghij".length(); // the fake's text is this head, then letters

        String name = s.name();
        assertTrue(name.startsWith(CLEAN_HEAD), name.substring(0, 60));
        assertTrue(
                UntrustedText.isWellFormed(name),
                "no unpaired surrogate or control character is kept");
        assertTrue(
                name.endsWith(UntrustedText.cutMarker(head + 10000)),
                name.substring(name.length() - 40));
        assertEquals(
                UntrustedText.MAX_NAME + UntrustedText.cutMarker(head + 10000).length(),
                name.length());

        String reason = s.capabilities().missing().get(Capability.ADI);
        assertTrue(reason.startsWith(CLEAN_HEAD) && UntrustedText.isWellFormed(reason));
        assertTrue(
                reason.endsWith(UntrustedText.cutMarker(head + 5000)),
                reason.substring(reason.length() - 40));
        assertEquals(
                UntrustedText.MAX_REASON + UntrustedText.cutMarker(head + 5000).length(),
                reason.length());

        s.reset();
        Result.Unsupported long_ = assertInstanceOf(Result.Unsupported.class, s.apply(OP));
        assertTrue(
                long_.reason().startsWith(CLEAN_HEAD) && long_.reason().endsWith(" chars in all)"),
                long_.reason().substring(0, 60));
        assertEquals(
                new Result.Unsupported(CLEAN_HEAD),
                s.apply(OP),
                "a short reason is sanitised, not cut");

        SutFailure f = assertThrows(SutFailure.class, () -> s.apply(OP));
        assertEquals(Kind.PROTOCOL, f.kind());
        assertContains(f.getMessage(), "reported an error where a result for op 3");
        assertTrue(UntrustedText.isWellFormed(f.getMessage()), f.getMessage());
    }

    @Test
    void anErrorMessageIsCappedAsItIsDecoded() {
        String message = "\\udc00" + "e".repeat(5000);
        byte[] line =
                ("{\"type\":\"error\",\"seq\":3,\"message\":\"" + message + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
        Protocol.Reply.Error e =
                assertInstanceOf(Protocol.Reply.Error.class, Protocol.parse(line, line.length));
        assertEquals(
                "\uFFFD" + "e".repeat(UntrustedText.MAX_REASON - 1) + UntrustedText.cutMarker(5001),
                e.message());
    }

    @Test
    void notesAreSanitisedAndCapped() {
        byte[] line =
                ("{\"type\":\"result\",\"seq\":1,\"result\":\"returned\",\"value\":0,\"notes\":{\"k\\u0000\":\"v\\ud800"
                                + "w".repeat(3000)
                                + "\"}}")
                        .getBytes(StandardCharsets.UTF_8);
        Protocol.Reply.ResultOf r =
                assertInstanceOf(Protocol.Reply.ResultOf.class, Protocol.parse(line, line.length));
        Result.Returned returned = assertInstanceOf(Result.Returned.class, r.result());
        String value = returned.notes().get("k\uFFFD");
        assertTrue(
                value != null
                        && value.startsWith("v\uFFFDwww")
                        && value.endsWith(UntrustedText.cutMarker(3002)),
                String.valueOf(returned.notes().keySet()));

        StringBuilder many =
                new StringBuilder(
                        "{\"type\":\"result\",\"seq\":1,\"result\":\"returned\",\"value\":0,\"notes\":{");
        for (int i = 0; i < 1000; i++)
            many.append(i == 0 ? "" : ",").append("\"n").append(1000 + i).append("\":\"v\"");
        byte[] text = many.append("}}").toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> notes =
                ((Result.Returned)
                                ((Protocol.Reply.ResultOf) Protocol.parse(text, text.length))
                                        .result())
                        .notes();
        assertEquals(UntrustedText.MAX_NOTES + 1, notes.size());
        assertTrue(
                notes.containsKey("n1000")
                        && notes.containsKey("n1063")
                        && !notes.containsKey("n1064"),
                "the first by name");
        assertEquals(
                "(cut, 1000 notes in all; the first 64 by name are kept)",
                notes.get(Protocol.CUT_NOTES));
    }

    @Test
    void standardErrorIsKeptUpTo64KiCharactersSayingWhenItWasCut() {
        StderrBuffer buffer = new StderrBuffer();
        StringBuilder written = new StringBuilder();
        for (int i = 0; i < 4000; i++)
            written.append("line ")
                    .append(i)
                    .append(": caf\u00e9 \uD83D\uDE00 and some more text\n");
        byte[] bytes = written.toString().getBytes(StandardCharsets.UTF_8);
        // Odd-sized pieces, so that two- and four-byte characters are split between reads.
        for (int at = 0; at < bytes.length; at += 8191) {
            byte[] piece =
                    java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 8191));
            buffer.append(piece, piece.length);
        }
        String drained = buffer.drain();
        assertTrue(drained.startsWith("[standard error cut: the first "), drained.substring(0, 80));
        String kept = drained.substring(drained.indexOf("]\n") + 2);
        assertTrue(
                kept.length() <= StderrBuffer.LIMIT && kept.length() >= StderrBuffer.LIMIT - 1,
                "kept " + kept.length());
        assertTrue(
                written.toString().endsWith(kept),
                "the end is kept, and characters split between reads are whole");
        assertTrue(UntrustedText.isWellFormed(kept));
        assertEquals("", buffer.drain(), "drained text is not given twice");
    }
}
