package xmemck.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Setup;

class OpCodecTest {
    /** The canonical text starts with the op's name. */
    private static final Pattern OP_NAME = Pattern.compile("\\{\"op\":\"([a-z_]+)\"");

    /**
     * One op of every kind, with the awkward values: negative offsets, 64-bit seeds, ADI tags, the
     * FKIOCTL bit.
     */
    static final List<Op> SAMPLES =
            List.of(
                    new Setup.CreateProcess("p"),
                    new Setup.MapRegion("ubuf", "p", 2, Prot.READ_WRITE, Long.MIN_VALUE),
                    new Setup.MapRegionBelowUserBlock("ub", "p", 1, Prot.READ, 9),
                    new Setup.MapRegionAcrossSegments("x", "kernel", 3, Prot.READ_WRITE, -1, 2),
                    new Setup.DamageLines("ubuf", 70, 2),
                    new Setup.CreateFileSegment("file", 3, 42),
                    new Setup.SetFrame("file", 1, false),
                    new Setup.Protect("ubuf", 1, 1, Prot.READ),
                    new Setup.Unmap("ubuf", 0, 1),
                    new Setup.SetPageState("ubuf", 0, 2, PageState.PAGED_OUT),
                    new Setup.Pin("ubuf", 0, 2),
                    new Setup.SetAdiVersion("ubuf", 3, 2, 7),
                    new Setup.DeleteSegment("ubuf"),
                    new Call.Xmattach(
                            Context.process("p"),
                            Addr.in("ubuf", 0),
                            8192,
                            "dp",
                            Call.USER_ADSPACE),
                    new Call.Xmdetach(Context.interrupt(), "dp"),
                    new Call.Xmemout(
                            Context.kernelProcess(),
                            Addr.in("kbuf", 0),
                            new Addr.In("ubuf", -5, 3),
                            100,
                            "dp"),
                    new Call.VmMvc(
                            Context.process("p"),
                            "file",
                            0,
                            4000,
                            200,
                            -7,
                            "dp",
                            Addr.in("ubuf", 4095)),
                    new Call.Copyout(
                            Context.process("p"),
                            Addr.in("kbuf", 0),
                            new Addr.Special(Addr.Place.USER_BLOCK, 8),
                            12),
                    new Call.Copyout(
                            Context.process("p"), Addr.in("kbuf", 0), Addr.in("ubuf", 0), -1),
                    new Call.DdiCopyout(
                            Context.process("p"),
                            Addr.in("kbuf", 0),
                            Addr.special(Addr.Place.NULL),
                            1,
                            Call.FKIOCTL),
                    new Call.XxIoctl(
                            Context.process("p"),
                            Addr.in("regs", 0),
                            Call.XX_GETREGS,
                            Addr.in("ubuf", 4090)),
                    new Observe.Bytes("ubuf", -4096, 16384),
                    new Observe.Digest("ubuf", -4096, 16384),
                    new Observe.Protection("ubuf", -1));

    @Test
    void everyOpSurvivesARoundTripThroughText() {
        for (Op op : SAMPLES) {
            String text = OpCodec.encode(op);
            assertEquals(op, OpCodec.decode(text), text);
            assertEquals(text, OpCodec.encode(OpCodec.decode(text)), "canonical text is stable");
        }
    }

    @Test
    void sizeTCountsTravelUnsignedAndIntCountsAreRefused() {
        String text =
                OpCodec.encode(
                        new Call.Copyout(
                                Context.process("p"), Addr.in("k", 0), Addr.in("u", 0), -1));
        assertTrue(text.contains("\"cn\":18446744073709551615"), text);
        WireFormatException negative =
                assertThrows(
                        WireFormatException.class,
                        () -> OpCodec.decode(text.replace("18446744073709551615", "-1")));
        assertTrue(
                negative.getMessage()
                        .contains(
                                "at $: field \"cn\" must be a whole number from 0 to 18446744073709551615"),
                negative.getMessage());
        assertThrows(
                WireFormatException.class,
                () -> OpCodec.decode(text.replace("18446744073709551615", "18446744073709551616")));
        String xmemout =
                OpCodec.encode(
                        new Call.Xmemout(
                                Context.interrupt(), Addr.in("k", 0), Addr.in("u", 0), -1, "d"));
        WireFormatException tooBig =
                assertThrows(
                        WireFormatException.class,
                        () ->
                                OpCodec.decode(
                                        xmemout.replace("\"count\":-1", "\"count\":4294967296")));
        assertTrue(tooBig.getMessage().contains("xmemout count is a C int"), tooBig.getMessage());
    }

    @Test
    void samplesCoverEveryKindOfOp() {
        Set<Class<?>> leaves = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(Op.class));
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (c.isRecord()) leaves.add(c);
            else if (c.getPermittedSubclasses() != null)
                todo.addAll(List.of(c.getPermittedSubclasses()));
        }
        Set<Class<?>> sampled = new HashSet<>();
        for (Op op : SAMPLES) sampled.add(op.getClass());
        assertEquals(
                leaves,
                sampled,
                "a new kind of op needs a wire form, a sample here and a row in PROTOCOL.md");
        Set<String> names = new HashSet<>();
        for (Op op : SAMPLES) {
            Matcher m = OP_NAME.matcher(OpCodec.encode(op));
            assertTrue(m.lookingAt(), OpCodec.encode(op));
            names.add(m.group(1));
        }
        assertEquals(new HashSet<>(OpCodec.KNOWN), names);
    }

    @Test
    void canonicalTextMatchesTheDocumentedExamples() {
        assertEquals(
                "{\"op\":\"map_region\",\"name\":\"ubuf\",\"space\":\"p\",\"pages\":2,\"prot\":\"READ_WRITE\",\"seed\":7}",
                OpCodec.encode(new Setup.MapRegion("ubuf", "p", 2, Prot.READ_WRITE, 7)));
        assertEquals(
                "{\"op\":\"xmemout\",\"context\":{\"kind\":\"interrupt\"},\"kaddr\":{\"object\":\"kbuf\",\"offset\":0},"
                        + "\"uaddr\":{\"object\":\"ubuf\",\"offset\":-5,\"adi_version\":3},\"count\":100,\"dp\":\"dp\"}",
                OpCodec.encode(
                        new Call.Xmemout(
                                Context.interrupt(),
                                Addr.in("kbuf", 0),
                                new Addr.In("ubuf", -5, 3),
                                100,
                                "dp")));
        assertEquals(
                "{\"op\":\"ddi_copyout\",\"context\":{\"kind\":\"process\",\"process\":\"p\"},\"driverbuf\":{\"object\":\"k\",\"offset\":0},"
                        + "\"buf\":{\"special\":\"KERNEL\",\"offset\":0},\"cn\":4,\"flags\":2147483648}",
                OpCodec.encode(
                        new Call.DdiCopyout(
                                Context.process("p"),
                                Addr.in("k", 0),
                                Addr.special(Addr.Place.KERNEL),
                                4,
                                Call.FKIOCTL)));
    }

    @Test
    void badOpsAreRejectedNamingThePlace() {
        assertError(
                "{\"op\":\"map_region\",\"name\":\"u\",\"space\":\"p\",\"pages\":2,\"prot\":\"RW\",\"seed\":1}",
                "at $: field \"prot\" must be one of [NONE, READ, READ_WRITE], got \"RW\"");
        assertError("{\"op\":\"create_process\"}", "at $: field \"name\" is missing");
        assertError(
                "{\"op\":\"create_process\",\"name\":\"p\",\"nmae\":\"q\"}",
                "at $: unknown field \"nmae\"");
        assertError("{\"op\":\"launch\"}", "unknown op \"launch\"");
        assertError("[1]", "at $: an op must be a JSON object, got array");
        assertError(
                "{\"op\":\"create_process\",\"name\":\"9lives\"}",
                "at $: create_process: process name must match");
        assertError(
                "{\"op\":\"xmdetach\",\"context\":{\"kind\":\"softirq\"},\"dp\":\"d\"}",
                "at $.context: context kind must be");
        assertError(
                "{\"op\":\"copyout\",\"context\":{\"kind\":\"interrupt\"},\"driverbuf\":{\"object\":\"k\",\"offset\":0},"
                        + "\"userbuf\":{\"object\":\"u\"},\"cn\":1}",
                "at $.userbuf: field \"offset\" is missing");
        assertError(
                "{\"op\":\"copyout\",\"context\":{\"kind\":\"interrupt\"},\"driverbuf\":{\"object\":\"k\",\"offset\":0},"
                        + "\"userbuf\":{\"object\":\"u\",\"offset\":0,\"adi_version\":16},\"cn\":1}",
                "at $.userbuf: ADI version must be 0..15");
        assertError(
                "{\"op\":\"copyout\",\"context\":{\"kind\":\"interrupt\"},\"driverbuf\":{\"object\":\"k\",\"offset\":0},"
                        + "\"userbuf\":{\"offset\":0},\"cn\":1.5}",
                "at $.userbuf: an address needs \"object\"");
        assertError(
                "{\"op\":\"observe_bytes\",\"object\":\"u\",\"from\":0,\"length\":\"12\"}",
                "field \"length\" must be a number, got string \"12\"");
        assertError(
                "{\"op\":\"set_frame\",\"sid\":\"f\",\"pno\":0,\"has_frame\":1}",
                "field \"has_frame\" must be true or false");
        assertError(
                "{\"op\":\"unmap\",\"object\":\"u\",\"first_page\":4294967296,\"pages\":1}",
                "must fit in a 32-bit signed integer");
        assertError(
                "{\"op\":\"ddi_copyout\",\"context\":{\"kind\":\"interrupt\"},\"driverbuf\":{\"object\":\"k\",\"offset\":0},"
                        + "\"buf\":{\"object\":\"u\",\"offset\":0},\"cn\":1,\"flags\":-1}",
                "unsigned 32-bit mask");
    }

    @Test
    void pathsNameThePlaceInTheEnclosingDocument() {
        try (JsonParser p =
                WireJson.parser(
                        "{\"ops\":[{\"op\":\"pin\",\"object\":\"u\",\"first_page\":0,\"pages\":1},"
                                + "{\"op\":\"xmdetach\",\"context\":{\"kind\":\"process\"},\"dp\":\"d\"}]}")) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            assertEquals("ops", p.nextName());
            assertEquals(JsonToken.START_ARRAY, p.nextToken());
            p.nextToken();
            assertEquals(new Setup.Pin("u", 0, 1), OpCodec.decode(p));
            p.nextToken();
            var e = assertThrows(WireFormatException.class, () -> OpCodec.decode(p));
            assertTrue(
                    e.getMessage().startsWith("at $.ops[1].context: field \"process\" is missing"),
                    e.getMessage());
        }
        var e = assertThrows(WireFormatException.class, () -> OpCodec.decode("{\"op\":\"pin\"}"));
        assertTrue(e.getMessage().startsWith("at $: "), e.getMessage());
    }

    @Test
    void membersMayComeInAnyOrderAndWithWhiteSpace() {
        Op op =
                new Call.Xmemout(
                        Context.process("p"),
                        Addr.in("kbuf", 0),
                        new Addr.In("ubuf", -5, 3),
                        100,
                        "dp");
        String shuffled =
                " {\n \"dp\" : \"dp\", \"uaddr\": {\"adi_version\": 3, \"offset\": -5, \"object\": \"ubuf\"}, \"count\": 100,"
                        + " \"kaddr\": {\"offset\": 0, \"object\": \"kbuf\"}, \"context\": {\"process\": \"p\", \"kind\": \"process\"}, \"op\": \"xmemout\"\n} ";
        assertEquals(op, OpCodec.decode(shuffled));
        assertEquals(OpCodec.encode(op), OpCodec.encode(OpCodec.decode(shuffled)));
    }

    private static void assertError(String text, String expected) {
        WireFormatException e = assertThrows(WireFormatException.class, () -> OpCodec.decode(text));
        assertTrue(
                e.getMessage().contains(expected),
                () -> "message \"" + e.getMessage() + "\" should contain \"" + expected + "\"");
    }
}
