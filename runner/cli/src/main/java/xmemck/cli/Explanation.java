package xmemck.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Prot;
import xmemck.ops.Setup;
import xmemck.oracle.Alternative;
import xmemck.oracle.Catalogue;
import xmemck.oracle.Clause;
import xmemck.oracle.Data;
import xmemck.oracle.Effect;
import xmemck.oracle.Expectation;
import xmemck.oracle.Oracle;
import xmemck.oracle.Question;
import xmemck.oracle.WorldError;

/**
 * The oracle's answer in plain words, for a person asking "what must xmemout do here?": the
 * operations are applied to a fresh oracle in order; for each call it says which outcomes the
 * documentation allows (return value and memory effects), which clauses decide each, what the
 * implementation may choose freely, or that the call is outside the contract. After a call the
 * world moves on as the reference implementation would (the first allowed outcome, with the most a
 * failed copy may write), so a later call is explained in that world. A call outside the contract
 * ends the explanation: nothing is promised about the world after it.
 */
public final class Explanation {
    private Explanation() {}

    /** The invariants every judged call is held to, whatever its outcome. */
    static final List<String> INVARIANTS =
            List.of("inv.no-write-outside", "inv.source-unchanged", "inv.no-foreign-data");

    /**
     * The explanation; {@code wellFormed} is false when an operation was ill-formed (the text ends
     * with the reason).
     */
    public record Text(String text, boolean wellFormed) {}

    /**
     * The explanation of {@code ops}; {@code title} heads it (a file name). An ill-formed operation
     * ends it with the oracle's reason.
     */
    public static Text of(String title, List<Op> ops) {
        StringBuilder b = new StringBuilder();
        Oracle oracle = new Oracle();
        Set<String> named = new LinkedHashSet<>();
        b.append(title)
                .append(": ")
                .append(ops.size())
                .append(ops.size() == 1 ? " operation" : " operations")
                .append('\n');
        int n = 0;
        for (Op op : ops) {
            n++;
            String head = "\n" + n + ". ";
            try {
                switch (op) {
                    case Setup s -> {
                        oracle.apply(s);
                        b.append(head).append("set-up: ").append(s.describe()).append('\n');
                    }
                    case Observe o ->
                            b.append(head)
                                    .append("observation: ")
                                    .append(o.describe())
                                    .append(
                                            " (the kit compares the implementation's answer with the oracle's model)\n");
                    case Call c -> {
                        b.append(head).append("call: ").append(c.describe()).append('\n');
                        Expectation e = oracle.expect(c);
                        if (!call(b, c, e, named)) {
                            if (n < ops.size()) {
                                b.append(
                                                "   The world after a call outside the contract is unknown: the remaining ")
                                        .append(ops.size() - n)
                                        .append(
                                                ops.size() - n == 1
                                                        ? " operation is"
                                                        : " operations are")
                                        .append(" not explained.\n");
                            }
                            clauses(b, named);
                            return new Text(b.toString(), true);
                        }
                        long ret = oracle.perform(c).value();
                        if (n < ops.size()) {
                            b.append(
                                            "   Later operations are explained in the world the reference implementation leaves: it returns ")
                                    .append(value(c, ret))
                                    .append(".\n");
                        }
                    }
                }
            } catch (WorldError e) {
                b.append(head)
                        .append("ill-formed, so nothing more can be explained: ")
                        .append(e.getMessage())
                        .append('\n');
                clauses(b, named);
                return new Text(b.toString(), false);
            }
        }
        clauses(b, named);
        return new Text(b.toString(), true);
    }

    /** One call's answer; false when the call is outside the contract. */
    private static boolean call(StringBuilder b, Call c, Expectation e, Set<String> named) {
        switch (e) {
            case Expectation.OutsideContract oc -> {
                named.add(oc.clause());
                b.append("   OUTSIDE THE CONTRACT (")
                        .append(oc.clause())
                        .append("): ")
                        .append(oc.reason())
                        .append('\n');
                b.append(
                        "   The call breaks a caller obligation: the documentation promises nothing, and the kit judges nothing.\n");
                return false;
            }
            case Expectation.Allowed a -> {
                List<Alternative> alts = a.alternatives();
                b.append("   The documentation allows ")
                        .append(
                                alts.size() == 1
                                        ? "exactly one outcome:"
                                        : "any of " + alts.size() + " outcomes:")
                        .append('\n');
                int i = 0;
                for (Alternative alt : alts) {
                    i++;
                    b.append("   ")
                            .append(alts.size() == 1 ? "-" : i + ")")
                            .append(" returns ")
                            .append(value(c, alt.returnValue()));
                    if (alt.description() != null && !alt.description().isBlank())
                        b.append("  [").append(alt.description()).append(']');
                    b.append('\n');
                    if (alt.effects().isEmpty()) b.append("       and changes no memory\n");
                    for (Effect effect : alt.effects())
                        b.append("       ").append(effect(effect)).append('\n');
                    b.append("       decided by: ")
                            .append(String.join(", ", alt.clauses()))
                            .append('\n');
                    named.addAll(alt.clauses());
                }
                if (!a.questions().isEmpty()) {
                    b.append(
                            "   Left to the implementation (any answer conforms; recorded in profile.json, never judged):\n");
                    for (Question q : a.questions())
                        b.append("     ").append(q.id()).append(": ").append(q.text()).append('\n');
                }
                b.append(
                                "   Whatever the outcome: nothing outside the destination changes, the source stays as it was, and every byte\n")
                        .append("   written comes from the source (")
                        .append(String.join(", ", INVARIANTS))
                        .append(").\n");
                named.addAll(INVARIANTS);
                return true;
            }
        }
    }

    /** One effect in words. */
    static String effect(Effect e) {
        return switch (e) {
            case Effect.Write w -> {
                String range =
                        "bytes ["
                                + w.offset()
                                + ", "
                                + (w.offset() + w.length())
                                + ") of "
                                + w.object();
                String data = data(w.data(), w.length());
                if (w.exact()) yield range + " become " + data;
                if (w.untouched()) yield range + " stay unchanged";
                List<String> parts = new ArrayList<>();
                for (Effect.Range r : ((Effect.Extent.Partial) w.extent()).writable())
                    parts.add("[" + (w.offset() + r.from()) + ", " + (w.offset() + r.to()) + ")");
                yield range
                        + " stay unchanged, except that each byte of "
                        + String.join(" and ", parts)
                        + " (what the copy could store) may instead be "
                        + "its byte of "
                        + data
                        + " (in any mix: a prefix, a suffix or another)";
            }
            case Effect.Protect p ->
                    "page "
                            + p.page()
                            + " of "
                            + p.object()
                            + " becomes "
                            + String.join(
                                    " or ",
                                    p.allowed().stream().sorted().map(Explanation::prot).toList());
            case Effect.Attach a ->
                    "descriptor "
                            + a.dp()
                            + " describes bytes ["
                            + a.offset()
                            + ", "
                            + (a.offset() + a.count())
                            + ") of "
                            + a.object()
                            + " in "
                            + a.space()
                            + " ("
                            + Call.segflagName(a.segflag())
                            + ")";
            case Effect.Detach d -> "descriptor " + d.dp() + " becomes invalid (XMEM_INVAL)";
        };
    }

    private static String data(Data d, long length) {
        return switch (d) {
            case Data.CopyOf c ->
                    "a copy of bytes ["
                            + c.offset()
                            + ", "
                            + (c.offset() + length)
                            + ") of "
                            + c.object()
                            + " as they were before the call";
            case Data.Zeros z -> "zero";
        };
    }

    private static String prot(Prot p) {
        return switch (p) {
            case READ -> "read-only";
            case READ_WRITE -> "read-write";
            case NONE -> "inaccessible";
        };
    }

    /** A return value with the symbolic name its manual page gives it. */
    public static String value(Call c, long v) {
        String name =
                switch (c) {
                    case Call.Xmattach x -> xmem(v);
                    case Call.Xmdetach x -> xmem(v);
                    case Call.Xmemout x -> xmem(v);
                    case Call.VmMvc m ->
                            v == 0
                                    ? "success"
                                    : v == Call.ENOENT
                                            ? "ENOENT"
                                            : v == Call.EINVAL ? "EINVAL" : null;
                    case Call.Copyout x -> v == 0 ? "success" : v == -1 ? "failure" : null;
                    case Call.DdiCopyout x -> v == 0 ? "success" : v == -1 ? "failure" : null;
                    case Call.XxIoctl x -> v == 0 ? "success" : v == Call.EFAULT ? "EFAULT" : null;
                };
        return name == null ? String.valueOf(v) : v + " (" + name + ")";
    }

    private static String xmem(long v) {
        return v == Call.XMEM_SUCC ? "XMEM_SUCC" : v == Call.XMEM_FAIL ? "XMEM_FAIL" : null;
    }

    private static void clauses(StringBuilder b, Set<String> named) {
        if (named.isEmpty()) return;
        b.append("\nClauses named above (ck list clauses shows them all):\n");
        List<String> unknown = new ArrayList<>();
        for (String id : named) {
            Clause c = Catalogue.byId(id).orElse(null);
            if (c == null) {
                unknown.add(id);
                continue;
            }
            b.append("  ")
                    .append(id)
                    .append(" [")
                    .append(c.kind().name().toLowerCase().replace('_', ' '))
                    .append("; ")
                    .append(
                            String.join(
                                    "; ",
                                    c.sources().stream().map(Clause.Citation::describe).toList()))
                    .append("]\n      ")
                    .append(c.summary())
                    .append('\n');
        }
        for (String id : unknown) b.append("  ").append(id).append(" (not in the catalogue)\n");
    }
}
