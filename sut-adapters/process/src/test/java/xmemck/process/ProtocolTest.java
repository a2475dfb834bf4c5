package xmemck.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Result;
import xmemck.spi.Capability;
import xmemck.wire.WireFormatException;

/**
 * The messages themselves: what the kit writes, and what it accepts and refuses from an
 * implementation.
 */
class ProtocolTest {

    @Test
    void applyIsTheCanonicalOpBehindTypeAndSeq() {
        assertEquals(
                "{\"type\":\"apply\",\"seq\":7,\"op\":\"copyout\",\"context\":{\"kind\":\"process\",\"process\":\"p\"},"
                        + "\"driverbuf\":{\"object\":\"k\",\"offset\":0},\"userbuf\":{\"object\":\"u\",\"offset\":4090},\"cn\":16}",
                Protocol.apply(
                        7,
                        new Call.Copyout(
                                Context.process("p"), Addr.in("k", 0), Addr.in("u", 4090), 16)));
        assertEquals(
                "{\"type\":\"hello\",\"protocols\":[1],\"kit\":\"xmemck dev\"}",
                Protocol.hello("xmemck dev"));
    }

    /** A batch is the apply lines and the reset line, byte for byte, each ended by a line end. */
    @Test
    void aBatchIsItsLinesJoined() {
        java.util.List<xmemck.ops.Op> ops =
                java.util.List.of(
                        new xmemck.ops.Setup.CreateProcess("p"),
                        new xmemck.ops.Setup.MapRegion("u", "p", 2, xmemck.ops.Prot.READ_WRITE, 22),
                        new Call.Copyout(
                                Context.process("p"), Addr.in("k", 0), Addr.in("u", 4090), 16),
                        new xmemck.ops.Observe.Digest("u", -4096, 4 * 4096));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < ops.size(); i++)
            lines.append(Protocol.apply(41 + i, ops.get(i))).append('\n');
        assertEquals(
                lines.toString(),
                new String(Protocol.batch(41, ops, false), StandardCharsets.UTF_8));
        assertEquals(
                lines + Protocol.reset() + "\n",
                new String(Protocol.batch(41, ops, true), StandardCharsets.UTF_8));
        assertEquals(
                "",
                new String(Protocol.batch(1, java.util.List.of(), false), StandardCharsets.UTF_8));
    }

    @Test
    void aResultMayListItsMembersInAnyOrder() {
        Protocol.Reply canonical =
                parse(
                        "{\"type\":\"result\",\"seq\":3,\"result\":\"bytes\",\"object\":\"u\",\"from\":0,\"data\":\"AAH/\"}");
        Protocol.Reply shuffled =
                parse(
                        "{\"data\":\"AAH/\",\"seq\":3,\"object\":\"u\",\"result\":\"bytes\",\"from\":0,\"type\":\"result\"}");
        for (Protocol.Reply r : new Protocol.Reply[] {canonical, shuffled}) {
            Protocol.Reply.ResultOf of = (Protocol.Reply.ResultOf) r;
            assertEquals(3, of.seq());
            assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, ((Result.Bytes) of.result()).data());
        }
    }

    @Test
    void envelopeMembersAreForgivingAndResultMembersExact() {
        Protocol.Reply.Hello h =
                (Protocol.Reply.Hello)
                        parse(
                                "{\"type\":\"hello\",\"protocol\":1,\"name\":\"impl 1.0\",\"since\":\"2026\","
                                        + "\"capabilities\":{\"supported\":[\"COPYOUT\"],\"missing\":{\"ADI\":\"none\"}}}");
        assertEquals("impl 1.0", h.name());
        assertTrue(h.capabilities().supported().contains(Capability.COPYOUT));
        assertEquals(
                new Protocol.Reply.Error(null, "(no message given)"),
                parse("{\"message\":5,\"type\":\"error\"}"));

        assertMessage(
                "{\"type\":\"result\",\"seq\":1,\"result\":\"returned\",\"value\":0,\"errno\":5}",
                "at $: unknown field \"errno\"");
        assertMessage(
                "{\"type\":\"result\",\"result\":\"done\"}",
                "at $.seq: a result message needs the whole-number \"seq\"");
        assertMessage("{\"seq\":1}", "at $: a message needs a string field \"type\"");
        assertMessage("{\"type\":\"goodbye\"}", "at $.type: unknown message type \"goodbye\"");
        assertMessage("[\"result\"]", "at $: a message must be a JSON object, got array");
        assertMessage(
                "{\"type\":\"ready\"} {\"type\":\"ready\"}",
                "at $: unexpected object after the JSON value");
        assertMessage(
                "{\"type\":\"hello\",\"protocol\":1.0,\"name\":\"x\",\"capabilities\":{}}",
                "at $.protocol: the hello needs the protocol version");
    }

    private static Protocol.Reply parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return Protocol.parse(bytes, bytes.length);
    }

    private static void assertMessage(String line, String expected) {
        WireFormatException e = assertThrows(WireFormatException.class, () -> parse(line));
        assertTrue(
                e.getMessage().contains(expected),
                () -> "message \"" + e.getMessage() + "\" should contain \"" + expected + "\"");
    }
}
