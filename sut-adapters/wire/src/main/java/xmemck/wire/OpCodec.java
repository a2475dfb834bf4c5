package xmemck.wire;

import static java.util.Map.entry;

import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Setup;

/**
 * The canonical JSON form of an {@link Op}: one object whose first member {@code "op"} names the
 * operation, then its fields in the order of the record's components, in snake_case. Enumerations
 * are written by their Java constant names ({@code "READ_WRITE"}, {@code "PAGED_OUT"}); optional
 * members are left out when they hold their default. The full table is in {@code
 * sut-adapters/PROTOCOL.md}; {@link #decode} is its exact inverse, accepts the members in any order
 * and rejects anything else, naming the path.
 */
public final class OpCodec {
    private OpCodec() {}

    /** The op names, in the order of the documentation. */
    public static final List<String> KNOWN =
            List.of(
                    "create_process",
                    "map_region",
                    "map_region_below_user_block",
                    "map_region_across_segments",
                    "create_file_segment",
                    "set_frame",
                    "protect",
                    "unmap",
                    "set_page_state",
                    "damage_lines",
                    "pin",
                    "set_adi_version",
                    "delete_segment",
                    "xmattach",
                    "xmdetach",
                    "xmemout",
                    "vm_mvc",
                    "copyout",
                    "ddi_copyout",
                    "xx_ioctl",
                    "observe_bytes",
                    "observe_digest",
                    "observe_protection");

    // ---- encoding ----

    /** The canonical text of the op. */
    public static String encode(Op op) {
        return WireJson.write(g -> write(g, op));
    }

    /** Writes the op as one object. */
    public static void write(JsonGenerator g, Op op) {
        g.writeStartObject();
        writeMembers(g, op);
        g.writeEndObject();
    }

    /**
     * Writes the op's members into the object being written (a protocol message puts its own
     * members first).
     */
    public static void writeMembers(JsonGenerator g, Op op) {
        MemberWriter w = new MemberWriter(g);
        switch (op) {
            case Setup.CreateProcess p -> w.str("op", "create_process").str("name", p.name());
            case Setup.MapRegion r ->
                    w.str("op", "map_region")
                            .str("name", r.name())
                            .str("space", r.space())
                            .num("pages", r.pages())
                            .str("prot", r.prot().name())
                            .num("seed", r.seed());
            case Setup.MapRegionBelowUserBlock r ->
                    w.str("op", "map_region_below_user_block")
                            .str("name", r.name())
                            .str("process", r.process())
                            .num("pages", r.pages())
                            .str("prot", r.prot().name())
                            .num("seed", r.seed());
            case Setup.MapRegionAcrossSegments r ->
                    w.str("op", "map_region_across_segments")
                            .str("name", r.name())
                            .str("space", r.space())
                            .num("pages", r.pages())
                            .str("prot", r.prot().name())
                            .num("seed", r.seed())
                            .num("boundary_page", r.boundaryPage());
            case Setup.CreateFileSegment f ->
                    w.str("op", "create_file_segment")
                            .str("sid", f.sid())
                            .num("pages", f.pages())
                            .num("seed", f.seed());
            case Setup.SetFrame f ->
                    w.str("op", "set_frame")
                            .str("sid", f.sid())
                            .num("pno", f.pno())
                            .bool("has_frame", f.hasFrame());
            case Setup.Protect p ->
                    w.str("op", "protect")
                            .str("object", p.object())
                            .num("first_page", p.firstPage())
                            .num("pages", p.pages())
                            .str("prot", p.prot().name());
            case Setup.Unmap u ->
                    w.str("op", "unmap")
                            .str("object", u.object())
                            .num("first_page", u.firstPage())
                            .num("pages", u.pages());
            case Setup.SetPageState s ->
                    w.str("op", "set_page_state")
                            .str("object", s.object())
                            .num("first_page", s.firstPage())
                            .num("pages", s.pages())
                            .str("state", s.state().name());
            case Setup.DamageLines d ->
                    w.str("op", "damage_lines")
                            .str("object", d.object())
                            .num("first_line", d.firstLine())
                            .num("lines", d.lines());
            case Setup.Pin p ->
                    w.str("op", "pin")
                            .str("object", p.object())
                            .num("first_page", p.firstPage())
                            .num("pages", p.pages());
            case Setup.SetAdiVersion a ->
                    w.str("op", "set_adi_version")
                            .str("object", a.object())
                            .num("first_line", a.firstLine())
                            .num("lines", a.lines())
                            .num("version", a.version());
            case Setup.DeleteSegment d -> w.str("op", "delete_segment").str("object", d.object());
            case Call.Xmattach x ->
                    w.str("op", "xmattach")
                            .object("context", c -> context(c, x.context()))
                            .object("addr", a -> addr(a, x.addr()))
                            .num("count", x.count())
                            .str("dp", x.dp())
                            .num("segflag", x.segflag());
            case Call.Xmdetach x ->
                    w.str("op", "xmdetach")
                            .object("context", c -> context(c, x.context()))
                            .str("dp", x.dp());
            case Call.Xmemout x ->
                    w.str("op", "xmemout")
                            .object("context", c -> context(c, x.context()))
                            .object("kaddr", a -> addr(a, x.kaddr()))
                            .object("uaddr", a -> addr(a, x.uaddr()))
                            .num("count", x.count())
                            .str("dp", x.dp());
            case Call.VmMvc v ->
                    w.str("op", "vm_mvc")
                            .object("context", c -> context(c, v.context()))
                            .str("sid", v.sid())
                            .num("pno", v.pno())
                            .num("pgoffs", v.pgoffs())
                            .num("count", v.count())
                            .num("cmd", v.cmd())
                            .str("dp", v.dp())
                            .object("ptr", a -> addr(a, v.ptr()));
            case Call.Copyout c ->
                    w.str("op", "copyout")
                            .object("context", x -> context(x, c.context()))
                            .object("driverbuf", a -> addr(a, c.driverbuf()))
                            .object("userbuf", a -> addr(a, c.userbuf()))
                            .unsigned("cn", c.cn());
            case Call.DdiCopyout c ->
                    w.str("op", "ddi_copyout")
                            .object("context", x -> context(x, c.context()))
                            .object("driverbuf", a -> addr(a, c.driverbuf()))
                            .object("buf", a -> addr(a, c.buf()))
                            .unsigned("cn", c.cn())
                            .num("flags", Integer.toUnsignedLong(c.flags()));
            case Call.XxIoctl i ->
                    w.str("op", "xx_ioctl")
                            .object("context", c -> context(c, i.context()))
                            .object("regs", a -> addr(a, i.regs()))
                            .num("cmd", i.cmd())
                            .object("arg", a -> addr(a, i.arg()));
            case Observe.Bytes o ->
                    w.str("op", "observe_bytes")
                            .str("object", o.object())
                            .num("from", o.from())
                            .num("length", o.length());
            case Observe.Digest o ->
                    w.str("op", "observe_digest")
                            .str("object", o.object())
                            .num("from", o.from())
                            .num("length", o.length());
            case Observe.Protection o ->
                    w.str("op", "observe_protection")
                            .str("object", o.object())
                            .num("page", o.page());
        }
    }

    private static void context(MemberWriter w, Context c) {
        switch (c) {
            case Context.Process p -> w.str("kind", "process").str("process", p.process());
            case Context.KernelProcess k -> w.str("kind", "kernel_process");
            case Context.Interrupt i -> w.str("kind", "interrupt");
        }
    }

    private static void addr(MemberWriter w, Addr a) {
        switch (a) {
            case Addr.In in -> {
                w.str("object", in.object()).num("offset", in.offset());
                if (in.adiVersion() >= 0) w.num("adi_version", in.adiVersion());
            }
            case Addr.Special s -> w.str("special", s.place().name()).num("offset", s.offset());
        }
    }

    // ---- decoding ----

    /** The op of a whole JSON text; errors name the path from {@code $}. */
    public static Op decode(String text) {
        try (JsonParser p = WireJson.parser(text)) {
            Op op = decode(p);
            WireJson.end(p);
            return op;
        }
    }

    /**
     * The op whose object the parser is at (or, for a fresh parser, the document's value). Errors
     * name its path in the document: {@code at $.ops[3].uaddr: field "offset" is missing}.
     */
    public static Op decode(JsonParser p) {
        Slots f = Slots.read(Members.of(p, "an op"), MEMBERS);
        String name = f.str("op");
        Op op;
        try {
            op =
                    switch (name) {
                        case "create_process" -> new Setup.CreateProcess(f.str("name"));
                        case "map_region" ->
                                new Setup.MapRegion(
                                        f.str("name"),
                                        f.str("space"),
                                        f.int32("pages"),
                                        f.get("prot", Prot.class),
                                        f.lng("seed"));
                        case "map_region_below_user_block" ->
                                new Setup.MapRegionBelowUserBlock(
                                        f.str("name"),
                                        f.str("process"),
                                        f.int32("pages"),
                                        f.get("prot", Prot.class),
                                        f.lng("seed"));
                        case "map_region_across_segments" ->
                                new Setup.MapRegionAcrossSegments(
                                        f.str("name"),
                                        f.str("space"),
                                        f.int32("pages"),
                                        f.get("prot", Prot.class),
                                        f.lng("seed"),
                                        f.int32("boundary_page"));
                        case "create_file_segment" ->
                                new Setup.CreateFileSegment(
                                        f.str("sid"), f.int32("pages"), f.lng("seed"));
                        case "set_frame" ->
                                new Setup.SetFrame(f.str("sid"), f.lng("pno"), f.bool("has_frame"));
                        case "protect" ->
                                new Setup.Protect(
                                        f.str("object"),
                                        f.int32("first_page"),
                                        f.int32("pages"),
                                        f.get("prot", Prot.class));
                        case "unmap" ->
                                new Setup.Unmap(
                                        f.str("object"), f.int32("first_page"), f.int32("pages"));
                        case "set_page_state" ->
                                new Setup.SetPageState(
                                        f.str("object"),
                                        f.int32("first_page"),
                                        f.int32("pages"),
                                        f.get("state", PageState.class));
                        case "damage_lines" ->
                                new Setup.DamageLines(
                                        f.str("object"), f.lng("first_line"), f.lng("lines"));
                        case "pin" ->
                                new Setup.Pin(
                                        f.str("object"), f.int32("first_page"), f.int32("pages"));
                        case "set_adi_version" ->
                                new Setup.SetAdiVersion(
                                        f.str("object"),
                                        f.lng("first_line"),
                                        f.lng("lines"),
                                        f.int32("version"));
                        case "delete_segment" -> new Setup.DeleteSegment(f.str("object"));
                        case "xmattach" ->
                                new Call.Xmattach(
                                        context(f),
                                        addr(f, "addr"),
                                        f.lng("count"),
                                        f.str("dp"),
                                        f.int32("segflag"));
                        case "xmdetach" -> new Call.Xmdetach(context(f), f.str("dp"));
                        case "xmemout" ->
                                new Call.Xmemout(
                                        context(f),
                                        addr(f, "kaddr"),
                                        addr(f, "uaddr"),
                                        f.lng("count"),
                                        f.str("dp"));
                        case "vm_mvc" ->
                                new Call.VmMvc(
                                        context(f),
                                        f.str("sid"),
                                        f.lng("pno"),
                                        f.lng("pgoffs"),
                                        f.lng("count"),
                                        f.int32("cmd"),
                                        f.str("dp"),
                                        addr(f, "ptr"));
                        case "copyout" ->
                                new Call.Copyout(
                                        context(f),
                                        addr(f, "driverbuf"),
                                        addr(f, "userbuf"),
                                        f.lng("cn"));
                        case "ddi_copyout" ->
                                new Call.DdiCopyout(
                                        context(f),
                                        addr(f, "driverbuf"),
                                        addr(f, "buf"),
                                        f.lng("cn"),
                                        f.int32("flags"));
                        case "xx_ioctl" ->
                                new Call.XxIoctl(
                                        context(f),
                                        addr(f, "regs"),
                                        f.int32("cmd"),
                                        addr(f, "arg"));
                        case "observe_bytes" ->
                                new Observe.Bytes(f.str("object"), f.lng("from"), f.lng("length"));
                        case "observe_digest" ->
                                new Observe.Digest(f.str("object"), f.lng("from"), f.lng("length"));
                        case "observe_protection" ->
                                new Observe.Protection(f.str("object"), f.lng("page"));
                        default ->
                                throw f.error(
                                        "unknown op "
                                                + Excerpt.of(name, 40)
                                                + "; known ops: "
                                                + String.join(", ", KNOWN));
                    };
        } catch (WireFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // The operation language's own constructors check names and ranges; say where.
            throw f.error(name + ": " + e.getMessage());
        }
        f.done();
        return op;
    }

    /*
     * Every member name of the operation language has one type wherever it appears, so each member is read as it
     * arrives, whatever the order; the op's constructor then takes the ones it needs (Slots).
     */
    private static final Map<String, Slots.Reader> MEMBERS =
            Map.ofEntries(
                    entry("op", Members::string),
                    entry("name", Members::string),
                    entry("space", Members::string),
                    entry("process", Members::string),
                    entry("sid", Members::string),
                    entry("object", Members::string),
                    entry("dp", Members::string),
                    entry("pages", Members::int32),
                    entry("boundary_page", Members::int32),
                    entry("first_page", Members::int32),
                    entry("version", Members::int32),
                    entry("segflag", Members::int32),
                    entry("cmd", Members::int32),
                    entry("seed", Members::int64),
                    entry("pno", Members::int64),
                    entry("first_line", Members::int64),
                    entry("lines", Members::int64),
                    entry("count", Members::int64),
                    entry("pgoffs", Members::int64),
                    entry("from", Members::int64),
                    entry("length", Members::int64),
                    entry("page", Members::int64),
                    entry("cn", Members::uint64),
                    entry("flags", Members::mask32),
                    entry("has_frame", Members::bool),
                    entry("prot", m -> m.enumeration(Prot.class)),
                    entry("state", m -> m.enumeration(PageState.class)),
                    entry("context", OpCodec::readContext),
                    entry("addr", OpCodec::readAddr),
                    entry("kaddr", OpCodec::readAddr),
                    entry("uaddr", OpCodec::readAddr),
                    entry("ptr", OpCodec::readAddr),
                    entry("driverbuf", OpCodec::readAddr),
                    entry("userbuf", OpCodec::readAddr),
                    entry("buf", OpCodec::readAddr),
                    entry("regs", OpCodec::readAddr),
                    entry("arg", OpCodec::readAddr));

    private static final Map<String, Slots.Reader> CONTEXT =
            Map.of("kind", Members::string, "process", Members::string);

    private static final Map<String, Slots.Reader> ADDR =
            Map.of(
                    "object",
                    Members::string,
                    "offset",
                    Members::int64,
                    "adi_version",
                    Members::int32,
                    "special",
                    m -> m.enumeration(Addr.Place.class));

    private static Context context(Slots f) {
        return f.get("context", Context.class);
    }

    private static Addr addr(Slots f, String name) {
        return f.get(name, Addr.class);
    }

    private static Context readContext(Members outer) {
        Slots f = Slots.read(outer.object("a context"), CONTEXT);
        String kind = f.str("kind");
        Context c;
        try {
            c =
                    switch (kind) {
                        case "process" -> new Context.Process(f.str("process"));
                        case "kernel_process" -> new Context.KernelProcess();
                        case "interrupt" -> new Context.Interrupt();
                        default ->
                                throw f.error(
                                        "context kind must be \"process\", \"kernel_process\" or \"interrupt\", got "
                                                + Excerpt.of(kind, 40));
                    };
        } catch (WireFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
        f.done();
        return c;
    }

    private static Addr readAddr(Members outer) {
        Slots f = Slots.read(outer.object("an address"), ADDR);
        Addr a;
        try {
            if (f.has("object") && f.has("special"))
                throw f.error("an address has either \"object\" or \"special\", not both");
            if (f.has("object")) {
                a =
                        new Addr.In(
                                f.str("object"),
                                f.lng("offset"),
                                f.has("adi_version") ? f.int32("adi_version") : -1);
            } else if (f.has("special")) {
                a = new Addr.Special(f.get("special", Addr.Place.class), f.lng("offset"));
            } else {
                throw f.error("an address needs \"object\" (with \"offset\") or \"special\"");
            }
        } catch (WireFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
        f.done();
        return a;
    }
}
