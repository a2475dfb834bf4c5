package xmemck.glue;

import io.cucumber.java.ParameterType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Layout;
import xmemck.ops.Prot;

/**
 * Every conversion from feature text to operation-language values, in one place. Each parameter
 * type is a regular expression (public, so that the feature lint matches steps exactly as Cucumber
 * does) and a static conversion that names the bad text when it fails.
 *
 * <p>The vocabulary mirrors the manual pages: calls are written as C calls ({@code xmemout(kbuf+0,
 * ubuf+0, 4096, d)}), constants by their header names ({@code XMEM_FAIL}, {@code VM_MVC_READ},
 * {@code FKIOCTL}), addresses as an object plus an offset ({@code ubuf+4095}, {@code ubuf-8} in the
 * guard page before it), or a named special place ({@code null address}, {@code unmapped address},
 * {@code kernel address}, {@code user block}).
 */
public final class ParameterTypes {
    private final ScenarioRun run;

    public ParameterTypes(ScenarioRun run) {
        this.run = run;
    }

    /** A process, object or descriptor name (see {@link xmemck.ops.Names}). */
    public static final String NAME = "[A-Za-z_][A-Za-z0-9_.-]*";

    /** Object names inside an address cannot contain '-', which there means a negative offset. */
    private static final String ADDR_NAME = "[A-Za-z_][A-Za-z0-9_.]*";

    public static final String CONTEXT =
            "process " + NAME + "|a kernel process|an interrupt handler";
    public static final String ADDR =
            "(?:null address|unmapped address|kernel address|user block)(?:\\+\\d+)?"
                    + "|offset \\d+ of file page \\d+ of "
                    + ADDR_NAME
                    + "|"
                    + ADDR_NAME
                    + "(?:[+-]\\d+)?(?: \\(ADI version \\d+\\))?";
    public static final String SEGFLAG = "USER_ADSPACE|SYS_ADSPACE|USERI_ADSPACE|-?\\d+";
    public static final String COMMAND =
            "VM_MVC_ZERO|VM_MVC_READ|VM_MVC_WRITE|VM_MVC_PROTZERO|-?\\d+";
    public static final String DDI_FLAGS = "FKIOCTL|0";
    public static final String IOCTL_COMMAND = "XX_GETREGS|-?\\d+";
    private static final String VALUE = "XMEM_SUCC|XMEM_FAIL|ENOENT|EINVAL|EFAULT|-?\\d+";
    public static final String RETURNS = "(?:" + VALUE + ")(?: or (?:" + VALUE + "))*";
    public static final String SERVICE =
            "xmattach|xmdetach|xmemout|vm_mvc|copyout|ddi_copyout|the ioctl";
    public static final String PROT = "read-only|read-write|inaccessible";
    public static final String CONDITION =
            "read-only|read-write|inaccessible|unmapped|paged out|resident"
                    + "|failing with a paging I/O error|damaged by an uncorrectable hardware error|pinned";

    // ---- Cucumber registrations: thin, so that the conversions below can be used and tested
    // without Cucumber ----

    @ParameterType(name = "name", value = NAME)
    public String name(String text) {
        return text;
    }

    @ParameterType(name = "context", value = CONTEXT)
    public Context context(String text) {
        return convert(() -> toContext(text));
    }

    @ParameterType(name = "addr", value = ADDR)
    public Addr addr(String text) {
        return convert(() -> toAddr(text));
    }

    @ParameterType(name = "segflag", value = SEGFLAG)
    public Integer segflag(String text) {
        return convert(() -> toSegflag(text));
    }

    @ParameterType(name = "command", value = COMMAND)
    public Integer command(String text) {
        return convert(() -> toCommand(text));
    }

    @ParameterType(name = "ddiFlags", value = DDI_FLAGS)
    public Integer ddiFlags(String text) {
        return "FKIOCTL".equals(text) ? Call.FKIOCTL : 0;
    }

    @ParameterType(name = "ioctlCommand", value = IOCTL_COMMAND)
    public Integer ioctlCommand(String text) {
        return convert(
                () ->
                        "XX_GETREGS".equals(text)
                                ? Call.XX_GETREGS
                                : parseInt(text, "ioctl command"));
    }

    @ParameterType(name = "returns", value = RETURNS)
    public Set<Long> returns(String text) {
        return convert(() -> toReturns(text));
    }

    @ParameterType(name = "service", value = SERVICE)
    public String service(String text) {
        return "the ioctl".equals(text) ? "ioctl" : text;
    }

    @ParameterType(name = "prot", value = PROT)
    public Prot prot(String text) {
        return convert(() -> toProt(text));
    }

    /**
     * A {@code size_t} count (copyout's {@code cn}): 0 to 18446744073709551615, held unsigned in a
     * long. A minus sign is refused: a size_t has none (write the huge number).
     */
    @ParameterType(name = "size", value = "\\d+")
    public Long size(String text) {
        return convert(() -> toSize(text));
    }

    public static long toSize(String text) {
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "a size_t count is a whole number from 0 to 18446744073709551615, got \""
                            + text
                            + "\"");
        }
    }

    /** "0 to 639 and 704 to 4095": byte ranges, inclusive, in the order they lie. */
    @ParameterType(name = "byteRanges", value = "\\d+ to \\d+(?: and \\d+ to \\d+)*")
    public List<xmemck.oracle.Effect.Range> byteRanges(String text) {
        return convert(() -> toByteRanges(text));
    }

    public static List<xmemck.oracle.Effect.Range> toByteRanges(String text) {
        List<xmemck.oracle.Effect.Range> out = new java.util.ArrayList<>();
        for (String part : text.split(" and ")) {
            String[] ends = part.split(" to ");
            long from = parseLong(ends[0].strip(), "first byte"),
                    last = parseLong(ends[1].strip(), "last byte");
            if (last < from || !out.isEmpty() && from <= out.getLast().to())
                throw new IllegalArgumentException(
                        "byte ranges must be in order and apart: \"" + text + "\"");
            out.add(new xmemck.oracle.Effect.Range(from, last + 1));
        }
        return out;
    }

    @ParameterType(name = "condition", value = CONDITION)
    public PageCondition condition(String text) {
        return convert(() -> PageCondition.fromWords(text));
    }

    /**
     * A conversion whose failure is also remembered for the scenario's result (Cucumber reports it
     * only as a step error).
     */
    private <T> T convert(Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException e) {
            run.note(e.getMessage());
            throw e;
        }
    }

    // ---- The conversions ----

    public static Context toContext(String text) {
        if ("a kernel process".equals(text)) return Context.kernelProcess();
        if ("an interrupt handler".equals(text)) return Context.interrupt();
        if (text.startsWith("process "))
            return Context.process(text.substring("process ".length()));
        throw new IllegalArgumentException(
                "unknown caller \""
                        + text
                        + "\"; write process NAME, a kernel process or an interrupt handler");
    }

    private static final Pattern SPECIAL =
            Pattern.compile(
                    "(null address|unmapped address|kernel address|user block)(?:\\+(\\d+))?");
    private static final Pattern FILE_PAGE =
            Pattern.compile("offset (\\d+) of file page (\\d+) of (" + ADDR_NAME + ")");
    private static final Pattern IN_OBJECT =
            Pattern.compile("(" + ADDR_NAME + ")(?:([+-])(\\d+))?(?: \\(ADI version (\\d+)\\))?");

    /**
     * {@code ubuf}, {@code ubuf+8}, {@code ubuf-8}, {@code ubuf+64 (ADI version 3)}, {@code null
     * address+16}, or {@code offset 100 of file page 1 of seg} (which is {@code seg+4196}: a file
     * segment is addressed as one object, page after page).
     */
    public static Addr toAddr(String text) {
        Matcher m = SPECIAL.matcher(text);
        if (m.matches())
            return new Addr.Special(
                    Addr.Place.fromWord(m.group(1)),
                    m.group(2) == null ? 0 : parseLong(m.group(2), "offset"));
        m = FILE_PAGE.matcher(text);
        if (m.matches()) {
            long offset = parseLong(m.group(1), "offset in the file page");
            long page = parseLong(m.group(2), "file page number");
            if (offset >= Layout.PAGE_SIZE)
                throw new IllegalArgumentException(
                        "offset "
                                + offset
                                + " of file page "
                                + page
                                + " is past the end of the page ("
                                + Layout.PAGE_SIZE
                                + " bytes) in \""
                                + text
                                + "\"");
            return new Addr.In(m.group(3), page * Layout.PAGE_SIZE + offset);
        }
        m = IN_OBJECT.matcher(text);
        if (m.matches()) {
            long offset = m.group(3) == null ? 0 : parseLong(m.group(3), "offset");
            if ("-".equals(m.group(2))) offset = -offset;
            int version = m.group(4) == null ? -1 : parseInt(m.group(4), "ADI version");
            return new Addr.In(m.group(1), offset, version);
        }
        throw new IllegalArgumentException(
                "not an address: \""
                        + text
                        + "\"; write NAME+OFFSET, NAME-OFFSET, a special place (null address, unmapped address, kernel address, user block) or offset N of file page P of NAME");
    }

    public static int toSegflag(String text) {
        return switch (text) {
            case "USER_ADSPACE" -> Call.USER_ADSPACE;
            case "SYS_ADSPACE" -> Call.SYS_ADSPACE;
            case "USERI_ADSPACE" -> Call.USERI_ADSPACE;
            default -> parseInt(text, "segflag");
        };
    }

    public static int toCommand(String text) {
        return switch (text) {
            case "VM_MVC_ZERO" -> Call.VM_MVC_ZERO;
            case "VM_MVC_READ" -> Call.VM_MVC_READ;
            case "VM_MVC_WRITE" -> Call.VM_MVC_WRITE;
            case "VM_MVC_PROTZERO" -> Call.VM_MVC_PROTZERO;
            default -> parseInt(text, "vm_mvc command");
        };
    }

    /**
     * {@code XMEM_FAIL}, {@code 0}, {@code ENOENT or EINVAL}: the set of return values a feature
     * claims.
     */
    public static Set<Long> toReturns(String text) {
        Set<Long> values = new LinkedHashSet<>();
        for (String word : text.split(" or ")) values.add(toReturnValue(word.strip()));
        return values;
    }

    public static long toReturnValue(String word) {
        return switch (word) {
            case "XMEM_SUCC" -> Call.XMEM_SUCC;
            case "XMEM_FAIL" -> Call.XMEM_FAIL;
            case "ENOENT" -> Call.ENOENT;
            case "EINVAL" -> Call.EINVAL;
            case "EFAULT" -> Call.EFAULT;
            default -> parseLong(word, "return value");
        };
    }

    public static Prot toProt(String text) {
        return switch (text) {
            case "read-only" -> Prot.READ;
            case "read-write" -> Prot.READ_WRITE;
            case "inaccessible" -> Prot.NONE;
            default ->
                    throw new IllegalArgumentException(
                            "unknown protection \""
                                    + text
                                    + "\"; write read-only, read-write or inaccessible");
        };
    }

    /** The feature word for a protection (the inverse of {@link #toProt}). */
    public static String protWord(Prot prot) {
        return switch (prot) {
            case READ -> "read-only";
            case READ_WRITE -> "read-write";
            case NONE -> "inaccessible";
        };
    }

    static long parseLong(String text, String what) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    what + " must be a whole number, got \"" + text + "\"");
        }
    }

    static int parseInt(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    what + " must be a whole number that fits in an int, got \"" + text + "\"");
        }
    }
}
