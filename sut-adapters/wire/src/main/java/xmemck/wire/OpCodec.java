package xmemck.spi.wire;

import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Setup;

/**
 * The canonical JSON form of an {@link Op}: one object whose first member {@code "op"} names the operation, then
 * its fields in the order of the record's components, in snake_case. Enumerations are written by their Java
 * constant names ({@code "READ_WRITE"}, {@code "PAGED_OUT"}); optional members are left out when they hold their
 * default. The full table is in {@code sut-adapters/PROTOCOL.md}; {@link #decode} is its exact inverse and rejects
 * anything else, naming the path.
 */
public final class OpCodec {
    private OpCodec() {}

    // ---- encoding ----

    public static Json.Obj encode(Op op) {
        Json.ObjBuilder b = Json.object();
        switch (op) {
            case Setup.CreateProcess p -> b.put("op", "create_process").put("name", p.name());
            case Setup.MapRegion r -> b.put("op", "map_region").put("name", r.name()).put("space", r.space())
                    .put("pages", r.pages()).put("prot", r.prot().name()).put("seed", r.seed());
            case Setup.MapRegionBelowUserBlock r -> b.put("op", "map_region_below_user_block").put("name", r.name()).put("process", r.process())
                    .put("pages", r.pages()).put("prot", r.prot().name()).put("seed", r.seed());
            case Setup.MapRegionAcrossSegments r -> b.put("op", "map_region_across_segments").put("name", r.name()).put("space", r.space())
                    .put("pages", r.pages()).put("prot", r.prot().name()).put("seed", r.seed()).put("boundary_page", r.boundaryPage());
            case Setup.CreateFileSegment f -> b.put("op", "create_file_segment").put("sid", f.sid())
                    .put("pages", f.pages()).put("seed", f.seed());
            case Setup.SetFrame f -> b.put("op", "set_frame").put("sid", f.sid()).put("pno", f.pno()).put("has_frame", f.hasFrame());
            case Setup.Protect p -> b.put("op", "protect").put("object", p.object()).put("first_page", p.firstPage())
                    .put("pages", p.pages()).put("prot", p.prot().name());
            case Setup.Unmap u -> b.put("op", "unmap").put("object", u.object()).put("first_page", u.firstPage()).put("pages", u.pages());
            case Setup.SetPageState s -> b.put("op", "set_page_state").put("object", s.object()).put("first_page", s.firstPage())
                    .put("pages", s.pages()).put("state", s.state().name());
            case Setup.DamageLines d -> b.put("op", "damage_lines").put("object", d.object()).put("first_line", d.firstLine()).put("lines", d.lines());
            case Setup.Pin p -> b.put("op", "pin").put("object", p.object()).put("first_page", p.firstPage()).put("pages", p.pages());
            case Setup.SetAdiVersion a -> b.put("op", "set_adi_version").put("object", a.object()).put("first_line", a.firstLine())
                    .put("lines", a.lines()).put("version", a.version());
            case Setup.DeleteSegment d -> b.put("op", "delete_segment").put("object", d.object());
            case Call.Xmattach x -> b.put("op", "xmattach").put("context", context(x.context())).put("addr", addr(x.addr()))
                    .put("count", x.count()).put("dp", x.dp()).put("segflag", x.segflag());
            case Call.Xmdetach x -> b.put("op", "xmdetach").put("context", context(x.context())).put("dp", x.dp());
            case Call.Xmemout x -> b.put("op", "xmemout").put("context", context(x.context())).put("kaddr", addr(x.kaddr()))
                    .put("uaddr", addr(x.uaddr())).put("count", x.count()).put("dp", x.dp());
            case Call.VmMvc v -> b.put("op", "vm_mvc").put("context", context(v.context())).put("sid", v.sid()).put("pno", v.pno())
                    .put("pgoffs", v.pgoffs()).put("count", v.count()).put("cmd", v.cmd()).put("dp", v.dp()).put("ptr", addr(v.ptr()));
            case Call.Copyout c -> b.put("op", "copyout").put("context", context(c.context())).put("driverbuf", addr(c.driverbuf()))
                    .put("userbuf", addr(c.userbuf())).put("cn", unsigned(c.cn()));
            case Call.DdiCopyout c -> b.put("op", "ddi_copyout").put("context", context(c.context())).put("driverbuf", addr(c.driverbuf()))
                    .put("buf", addr(c.buf())).put("cn", unsigned(c.cn())).put("flags", Integer.toUnsignedLong(c.flags()));
            case Call.XxIoctl i -> b.put("op", "xx_ioctl").put("context", context(i.context())).put("regs", addr(i.regs()))
                    .put("cmd", i.cmd()).put("arg", addr(i.arg()));
            case Observe.Bytes o -> b.put("op", "observe_bytes").put("object", o.object()).put("from", o.from()).put("length", o.length());
            case Observe.Digest o -> b.put("op", "observe_digest").put("object", o.object()).put("from", o.from()).put("length", o.length());
            case Observe.Protection o -> b.put("op", "observe_protection").put("object", o.object()).put("page", o.page());
        }
        return b.build();
    }

    /** A size_t: the long's bits as an unsigned decimal number. */
    private static Json.Num unsigned(long v) { return new Json.Num(Long.toUnsignedString(v)); }

    public static Json.Obj context(Context c) {
        return switch (c) {
            case Context.Process p -> Json.object().put("kind", "process").put("process", p.process()).build();
            case Context.KernelProcess k -> Json.object().put("kind", "kernel_process").build();
            case Context.Interrupt i -> Json.object().put("kind", "interrupt").build();
        };
    }

    public static Json.Obj addr(Addr a) {
        return switch (a) {
            case Addr.In in -> {
                Json.ObjBuilder b = Json.object().put("object", in.object()).put("offset", in.offset());
                if (in.adiVersion() >= 0) b.put("adi_version", in.adiVersion());
                yield b.build();
            }
            case Addr.Special s -> Json.object().put("special", s.place().name()).put("offset", s.offset()).build();
        };
    }

    // ---- decoding ----

    public static Op decode(Json json) { return decode(json, "$"); }

    /** Decodes the op at {@code path} (used in messages: {@code $.ops[3]}). */
    public static Op decode(Json json, String path) {
        Fields f = Fields.of(json, path, "an op");
        String name = f.str("op");
        Op op;
        try {
            op = switch (name) {
                case "create_process" -> new Setup.CreateProcess(f.str("name"));
                case "map_region" -> new Setup.MapRegion(f.str("name"), f.str("space"), f.int32("pages"),
                        f.enumeration("prot", Prot.class), f.lng("seed"));
                case "map_region_below_user_block" -> new Setup.MapRegionBelowUserBlock(f.str("name"), f.str("process"), f.int32("pages"),
                        f.enumeration("prot", Prot.class), f.lng("seed"));
                case "map_region_across_segments" -> new Setup.MapRegionAcrossSegments(f.str("name"), f.str("space"), f.int32("pages"),
                        f.enumeration("prot", Prot.class), f.lng("seed"), f.int32("boundary_page"));
                case "create_file_segment" -> new Setup.CreateFileSegment(f.str("sid"), f.int32("pages"), f.lng("seed"));
                case "set_frame" -> new Setup.SetFrame(f.str("sid"), f.lng("pno"), f.bool("has_frame"));
                case "protect" -> new Setup.Protect(f.str("object"), f.int32("first_page"), f.int32("pages"), f.enumeration("prot", Prot.class));
                case "unmap" -> new Setup.Unmap(f.str("object"), f.int32("first_page"), f.int32("pages"));
                case "set_page_state" -> new Setup.SetPageState(f.str("object"), f.int32("first_page"), f.int32("pages"),
                        f.enumeration("state", PageState.class));
                case "damage_lines" -> new Setup.DamageLines(f.str("object"), f.lng("first_line"), f.lng("lines"));
                case "pin" -> new Setup.Pin(f.str("object"), f.int32("first_page"), f.int32("pages"));
                case "set_adi_version" -> new Setup.SetAdiVersion(f.str("object"), f.lng("first_line"), f.lng("lines"), f.int32("version"));
                case "delete_segment" -> new Setup.DeleteSegment(f.str("object"));
                case "xmattach" -> new Call.Xmattach(context(f), addr(f, "addr"), f.lng("count"), f.str("dp"), f.int32("segflag"));
                case "xmdetach" -> new Call.Xmdetach(context(f), f.str("dp"));
                case "xmemout" -> new Call.Xmemout(context(f), addr(f, "kaddr"), addr(f, "uaddr"), f.lng("count"), f.str("dp"));
                case "vm_mvc" -> new Call.VmMvc(context(f), f.str("sid"), f.lng("pno"), f.lng("pgoffs"), f.lng("count"),
                        f.int32("cmd"), f.str("dp"), addr(f, "ptr"));
                case "copyout" -> new Call.Copyout(context(f), addr(f, "driverbuf"), addr(f, "userbuf"), f.u64("cn"));
                case "ddi_copyout" -> new Call.DdiCopyout(context(f), addr(f, "driverbuf"), addr(f, "buf"), f.u64("cn"), f.mask32("flags"));
                case "xx_ioctl" -> new Call.XxIoctl(context(f), addr(f, "regs"), f.int32("cmd"), addr(f, "arg"));
                case "observe_bytes" -> new Observe.Bytes(f.str("object"), f.lng("from"), f.lng("length"));
                case "observe_digest" -> new Observe.Digest(f.str("object"), f.lng("from"), f.lng("length"));
                case "observe_protection" -> new Observe.Protection(f.str("object"), f.lng("page"));
                default -> throw f.error("unknown op \"" + Excerpt.of(name, 40).replace("\"", "") + "\"; known ops: " + String.join(", ", KNOWN));
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

    /** The op names, in the order of the documentation. */
    public static final java.util.List<String> KNOWN = java.util.List.of(
            "create_process", "map_region", "map_region_below_user_block", "map_region_across_segments", "create_file_segment",
            "set_frame", "protect", "unmap", "set_page_state", "damage_lines", "pin", "set_adi_version", "delete_segment",
            "xmattach", "xmdetach", "xmemout", "vm_mvc", "copyout", "ddi_copyout", "xx_ioctl", "observe_bytes",
            "observe_digest", "observe_protection");

    private static Context context(Fields outer) {
        Fields f = Fields.of(outer.raw("context"), outer.pathOf("context"), "a context");
        String kind = f.str("kind");
        Context c;
        try {
            c = switch (kind) {
                case "process" -> new Context.Process(f.str("process"));
                case "kernel_process" -> new Context.KernelProcess();
                case "interrupt" -> new Context.Interrupt();
                default -> throw f.error("context kind must be \"process\", \"kernel_process\" or \"interrupt\", got " + Excerpt.of(kind, 40));
            };
        } catch (WireFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
        f.done();
        return c;
    }

    private static Addr addr(Fields outer, String name) {
        Fields f = Fields.of(outer.raw(name), outer.pathOf(name), "an address");
        Addr a;
        try {
            if (f.has("object") && f.has("special")) throw f.error("an address has either \"object\" or \"special\", not both");
            if (f.has("object")) {
                a = new Addr.In(f.str("object"), f.lng("offset"), f.has("adi_version") ? f.int32("adi_version") : -1);
            } else if (f.has("special")) {
                a = new Addr.Special(f.enumeration("special", Addr.Place.class), f.lng("offset"));
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
