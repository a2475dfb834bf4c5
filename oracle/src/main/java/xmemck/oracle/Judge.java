package xmemck.oracle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xmemck.ops.Call;
import xmemck.ops.Layout;
import xmemck.ops.Observe;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Result;

/**
 * Decides whether what an implementation did lies in the allowed set, and says readably where it does not.
 * It checks the invariants that hold on every call (no write outside the destination, the source unchanged,
 * no foreign data in the destination, observability of mapped pages), then looks for an alternative whose
 * return value, memory shape and protections all match. Reads the world as it was before the call.
 */
final class Judge {

    private static final int PAGE = MemObject.PAGE;
    static final String NO_WRITE_OUTSIDE = "inv.no-write-outside";
    static final String OBSERVABLE = "kit.observable";
    static final String SOURCE_UNCHANGED = "inv.source-unchanged";
    static final String NO_FOREIGN_DATA = "inv.no-foreign-data";
    static final String FAILURE_EFFECT = "inv.failure-effect";

    private final World world;

    Judge(World world) { this.world = world; }

    /**
     * One object as the implementation reported it. {@code unreadable} flags the pages the implementation could
     * not read, indexed from the page holding {@code from}; null when it read them all (the usual case).
     */
    record Seen(MemObject object, long from, byte[] data, boolean[] unreadable) {
        static Seen of(MemObject object, long from, byte[] data, List<Long> unreadablePages) {
            boolean[] flags = null;
            long first = MemObject.pageOf(from);
            int count = data.length == 0 ? 0 : (int) (MemObject.pageOf(from + data.length - 1) - first + 1);
            for (long p : unreadablePages) {
                if (p < first || p - first >= count) continue;   // outside the observed range: says nothing
                if (flags == null) flags = new boolean[count];
                flags[(int) (p - first)] = true;
            }
            return new Seen(object, from, data, flags);
        }
        boolean pageUnreadable(long page) {
            long i = page - MemObject.pageOf(from);
            return unreadable != null && i >= 0 && i < unreadable.length && unreadable[(int) i];
        }
        boolean readable(long offset) { return !pageUnreadable(MemObject.pageOf(offset)); }
        long end() { return from + data.length; }
    }

    /** One page protection as the implementation reported it. */
    record SeenProt(MemObject object, long page, Prot prot) {}

    /** How the model expects a page to be observable. */
    enum Readability { MUST, MAY, HOLE }

    static Readability readability(MemObject o, long page) {
        if (o.isGuard(page)) return Readability.MUST;
        if (o.hole(page)) return Readability.HOLE;
        PageState s = o.state(page);
        if (o.segmentDeleted() || !o.hasFrame(page) || o.prot(page) == Prot.NONE
                || s == PageState.PAGING_IO_ERROR || s == PageState.HARDWARE_ERROR) return Readability.MAY;
        return Readability.MUST;
    }

    Judgement judge(Call call, Expectation.Allowed exp, long returned, List<Observe> observations, List<Result> results, Span source) {
        if (observations.size() != results.size()) {
            throw new IllegalArgumentException("judge " + call.describe() + ": " + observations.size() + " observation(s) were asked for but "
                    + results.size() + " result(s) given; pass one result per op of observationsFor, in order");
        }
        remember(results);
        List<Finding> invariants = new ArrayList<>();
        List<Seen> seen = new ArrayList<>();
        List<SeenProt> prots = new ArrayList<>();
        collect(call, observations, results, seen, prots, invariants);

        List<Effect.Write> writes = new ArrayList<>();
        for (Alternative a : exp.alternatives()) {
            for (Effect e : a.effects()) if (e instanceof Effect.Write w && !writes.contains(w)) writes.add(w);
        }
        Set<String> checked = new LinkedHashSet<>();
        checked.add(NO_WRITE_OUTSIDE);
        if (source != null && source.length() > 0 && seen.stream().anyMatch(s -> s.object().name.equals(source.object()))) checked.add(SOURCE_UNCHANGED);
        if (writes.stream().anyMatch(w -> w.length() > 0)) checked.add(NO_FOREIGN_DATA);
        for (Seen s : seen) readability(s, invariants);
        for (Seen s : seen) changes(s, writes, source, invariants);

        // Look for an alternative that matches the return value, the memory shape and the protections.
        Alternative best = null;
        List<Finding> bestFindings = null;
        for (Alternative a : exp.alternatives()) {
            if (a.returnValue() != returned) continue;
            List<Finding> f = shape(a, writes, seen, prots);
            if (bestFindings == null || f.size() < bestFindings.size()) { best = a; bestFindings = f; }
            if (f.isEmpty()) break;
        }
        List<Finding> findings = new ArrayList<>(invariants);
        if (best == null) {
            best = exp.alternatives().get(0);
            findings.add(new Finding(best.clauses().get(0), "returned " + valueName(call, returned) + "; allowed: " + allowedText(call, exp)));
            findings.addAll(shape(best, writes, seen, prots));
        } else {
            findings.addAll(bestFindings);
        }
        if (best.effects().stream().anyMatch(e -> e instanceof Effect.Write w && !w.exact())) checked.add(FAILURE_EFFECT);

        Set<String> clauses = new LinkedHashSet<>(best.clauses());
        clauses.addAll(checked);
        for (Finding f : findings) clauses.add(f.clause());
        return new Judgement(findings.isEmpty(), best, List.copyOf(clauses), findings, answers(call, exp, returned, best, seen));
    }

    // ---------------------------------------------------------------- observations

    private void collect(Call call, List<Observe> observations, List<Result> results, List<Seen> seen, List<SeenProt> prots, List<Finding> findings) {
        for (int i = 0; i < observations.size(); i++) {
            Observe o = observations.get(i);
            Result r = results.get(i);
            switch (o) {
                case Observe.Bytes b -> {
                    MemObject obj = world.object(call, b.object());
                    if (r instanceof Result.Bytes rb && rb.from() == b.from() && rb.data().length == b.length() && rb.object().equals(b.object())) {
                        seen.add(Seen.of(obj, b.from(), rb.data(), rb.unreadablePages()));
                    } else {
                        findings.add(new Finding(OBSERVABLE, "could not " + b.describe() + ": the implementation answered " + brief(r)));
                    }
                }
                case Observe.Protection p -> {
                    MemObject obj = world.object(call, p.object());
                    if (r instanceof Result.Protection rp) prots.add(new SeenProt(obj, p.page(), rp.prot()));
                    else findings.add(new Finding(OBSERVABLE, "could not " + p.describe() + ": the implementation answered " + brief(r)));
                }
            }
        }
    }

    private static String brief(Result r) {
        return switch (r) {
            case Result.Bytes b -> "bytes of " + b.object() + " from " + b.from() + " (" + b.data().length + " bytes)";
            case Result.Unsupported u -> "unsupported (" + u.reason() + ")";
            case null -> "nothing";
            default -> r.toString();
        };
    }

    /** Mapped pages must be readable by the kit; holes must not have become readable memory. */
    private static void readability(Seen s, List<Finding> findings) {
        MemObject o = s.object();
        for (long p = MemObject.pageOf(s.from()); p <= MemObject.pageOf(s.end() - 1); p++) {
            Readability want = readability(o, p);
            boolean unreadable = s.pageUnreadable(p);
            if (unreadable && want == Readability.MUST) {
                findings.add(new Finding(OBSERVABLE, o.describe() + ": page " + p + (o.isGuard(p) ? " (a guard page)" : "")
                        + " is mapped and readable in the model but the implementation reports it unreadable"));
            } else if (!unreadable && want == Readability.HOLE) {
                findings.add(new Finding(NO_WRITE_OUTSIDE, o.describe() + ": page " + p + " is a hole (unmapped) in the model but the implementation reports it readable: something mapped it"));
            }
        }
    }

    /**
     * Every changed byte must lie in a destination and hold the old value or the new data for its position.
     * Page by page, the cheap way first: a page inside the part of a write already seen to hold the new data
     * is fine whatever its old bytes were, and a page equal to its old bytes is fine; only the other pages are
     * walked byte by byte.
     */
    private void changes(Seen s, List<Effect.Write> writes, Span source, List<Finding> findings) {
        MemObject o = s.object();
        DiffList outside = new DiffList(o), sourceDiff = new DiffList(o), foreign = new DiffList(o);
        byte[] old = new byte[PAGE];
        int nw = writes.size();
        byte[][] fresh = new byte[nw][];          // the new data of each write over the current chunk
        boolean[] known = new boolean[nw];
        long[] lo = new long[nw], hi = new long[nw];
        long[] verifiedEnd = new long[nw];        // [w.offset, verifiedEnd) holds the new data, as observed
        for (int k = 0; k < nw; k++) {
            Effect.Write w = writes.get(k);
            verifiedEnd[k] = w.object().equals(o.name) && w.length() > 0 ? w.offset() + newPrefix(w, s) : Long.MIN_VALUE;
        }
        long at = s.from();
        while (at < s.end()) {
            long page = MemObject.pageOf(at);
            int n = (int) (Math.min((page + 1) * PAGE, s.end()) - at);
            if (!s.readable(at) || readability(o, page) == Readability.HOLE || verified(writes, verifiedEnd, at, at + n)) {
                at += n;
                continue;
            }
            o.read(at, old, 0, n);
            int base = (int) (at - s.from());
            if (Arrays.mismatch(old, 0, n, s.data(), base, base + n) < 0) {
                unchanged.computeIfAbsent(o.name, x -> new BitSet()).set((int) (page + Layout.GUARD_PAGES));
                at += n;
                continue;
            }
            for (int k = 0; k < nw; k++) {
                Effect.Write w = writes.get(k);
                lo[k] = Math.max(at, w.offset());
                hi[k] = w.object().equals(o.name) ? Math.min(at + n, w.offset() + w.length()) : lo[k];
                if (lo[k] < hi[k]) {
                    if (fresh[k] == null) fresh[k] = new byte[PAGE];
                    known[k] = newBytes(w, lo[k] - w.offset(), fresh[k], (int) (hi[k] - lo[k]));
                }
            }
            for (int i = 0; i < n; i++) {
                byte seenByte = s.data()[base + i];
                if (seenByte == old[i]) continue;
                long off = at + i;
                boolean covered = false, fits = false;
                for (int k = 0; k < nw && !fits; k++) {
                    if (off < lo[k] || off >= hi[k]) continue;
                    covered = true;
                    if (!known[k] || fresh[k][(int) (off - lo[k])] == seenByte) fits = true;
                }
                if (!covered) {
                    DiffList d = source != null && source.contains(o.name, off) ? sourceDiff : outside;
                    if (d.showsNext()) d.add(off, DiffList.hex(old[i]), seenByte);
                    else d.addHidden(off);
                } else if (!fits) {
                    if (!foreign.showsNext()) { foreign.addHidden(off); continue; }
                    StringBuilder news = new StringBuilder();
                    for (int k = 0; k < nw; k++) {
                        if (off < lo[k] || off >= hi[k]) continue;
                        if (!news.isEmpty()) news.append(" or ");
                        news.append(DiffList.hex(fresh[k][(int) (off - lo[k])]));
                    }
                    foreign.add(off, DiffList.hex(old[i]) + " (unchanged) or " + news + " (the source's byte)", seenByte);
                }
            }
            at += n;
        }
        if (!outside.isEmpty()) findings.add(new Finding(NO_WRITE_OUTSIDE, outside.render(o.describe() + ": bytes changed outside the destination" + destText(o, writes))));
        if (!sourceDiff.isEmpty()) findings.add(new Finding(SOURCE_UNCHANGED, sourceDiff.render(o.describe() + ": the source " + source.object() + "[" + source.offset() + ", " + (source.offset() + source.length()) + ") changed")));
        if (!foreign.isEmpty()) findings.add(new Finding(NO_FOREIGN_DATA, foreign.render(o.describe() + ": destination bytes hold data that is neither their old value nor the source's")));
    }

    /** Does {@code [from, to)} lie inside the verified new-data part of one of the writes? */
    private static boolean verified(List<Effect.Write> writes, long[] verifiedEnd, long from, long to) {
        for (int k = 0; k < verifiedEnd.length; k++) {
            if (from >= writes.get(k).offset() && to <= verifiedEnd[k]) return true;
        }
        return false;
    }

    private static String destText(MemObject o, List<Effect.Write> writes) {
        StringBuilder sb = new StringBuilder();
        for (Effect.Write w : writes) {
            if (!w.object().equals(o.name)) continue;
            sb.append(sb.isEmpty() ? " [" : ", [").append(w.offset()).append(", ").append(w.offset() + w.length()).append(")");
        }
        return sb.isEmpty() ? " (this call may write nothing here)" : sb.toString();
    }

    /**
     * The new data of {@code w} for indexes {@code [i, i + n)} into {@code buf}, as memory was before the call;
     * false when the source cannot be read (then any value is accepted).
     */
    private boolean newBytes(Effect.Write w, long i, byte[] buf, int n) {
        switch (w.data()) {
            case Data.Zeros z -> Arrays.fill(buf, 0, n, (byte) 0);
            case Data.CopyOf c -> {
                MemObject src = world.objectOrNull(c.object());
                long off = c.offset() + i;
                if (src == null || n > 0 && (!src.observable(off) || !src.observable(off + n - 1))) return false;
                src.read(off, buf, 0, n);
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- the alternative's shape

    /**
     * Does memory match alternative {@code a}: each of its writes leaves "new data for the first k bytes, old
     * data after" with k in [min, max]; a write of another alternative that {@code a} lacks must be untouched;
     * protections are as {@code a} says.
     */
    private List<Finding> shape(Alternative a, List<Effect.Write> writes, List<Seen> seen, List<SeenProt> prots) {
        List<Finding> out = new ArrayList<>(1);
        for (Effect.Write w : writes) {
            Effect.Write mine = null;
            for (Effect e : a.effects()) if (e instanceof Effect.Write x && x.object().equals(w.object()) && x.offset() == w.offset() && x.length() == w.length()) mine = x;
            if (mine == null) mine = Outcomes.untouched(w.object(), w.offset(), w.length(), w.data());
            else if (!mine.equals(w)) continue;   // a different write over the same span: checked when the loop reaches it
            Seen s = seenOf(mine.object(), seen);
            if (s == null || mine.length() == 0) continue;
            Finding f = prefixShape(a, mine, s);
            if (f != null) out.add(f);
        }
        for (SeenProt p : prots) {
            Prot want = p.object().hole(p.page()) ? Prot.NONE : p.object().prot(p.page());
            for (Effect e : a.effects()) if (e instanceof Effect.Protect pr && pr.object().equals(p.object().name) && pr.page() == p.page()) want = pr.prot();
            if (want != p.prot()) {
                out.add(new Finding(a.clauses().get(0), p.object().describe() + ": page " + p.page() + " should have protection " + want + " but has " + p.prot()));
            }
        }
        return out;
    }

    private static Seen seenOf(String object, List<Seen> seen) {
        for (Seen s : seen) if (s.object().name.equals(object)) return s;
        return null;
    }

    /** Null when some k in [min, max] explains the bytes; otherwise the finding against the closest such state. */
    private Finding prefixShape(Alternative a, Effect.Write w, Seen s) {
        long p = newPrefix(w, s);
        long firstOldOnly = oldSuffixStart(w, s);
        long lo = Math.max(firstOldOnly, w.minWritten());
        long hi = Math.min(p, w.maxWritten());
        if (lo <= hi) return null;
        long k = Math.max(w.minWritten(), Math.min(p, w.maxWritten()));
        MemObject o = s.object();
        DiffList diffs = new DiffList(o);
        byte[] want = new byte[PAGE];
        // Against the closest allowed state: new data for the first k bytes, old data after; page by page.
        for (long i = 0; i < w.length(); ) {
            long off = w.offset() + i;
            long chunkEnd = Math.min(w.length(), (MemObject.pageOf(off) + 1) * PAGE - w.offset());
            if (i < k) chunkEnd = Math.min(chunkEnd, k);
            int n = (int) (chunkEnd - i);
            boolean isNew = i < k;
            if (s.readable(off) && (isNew ? newBytes(w, i, want, n) : readOld(o, off, want, n))) {
                int base = (int) (off - s.from());
                for (int j = Arrays.mismatch(want, 0, n, s.data(), base, base + n); j >= 0 && j < n; j++) {
                    byte got = s.data()[base + j];
                    if (want[j] == got) continue;
                    if (diffs.showsNext()) diffs.add(off + j, DiffList.hex(want[j]) + (isNew ? " (new)" : " (old)"), got);
                    else diffs.addHidden(off + j);
                }
            }
            i += n;
        }
        String range = o.name + "[" + w.offset() + ", " + (w.offset() + w.length()) + ")";
        if (w.exact()) {
            return new Finding(a.clauses().get(0), diffs.render("destination " + range + " must hold exactly the " + w.length() + " new bytes"));
        }
        String allowed = w.maxWritten() == 0 ? "must be untouched" : "must be untouched or hold a prefix of at most " + w.maxWritten() + " new bytes";
        return new Finding(FAILURE_EFFECT, diffs.render("the call failed (" + a.description() + "), so destination " + range + " " + allowed
                + " (found new data for the first " + p + " bytes and old data only from byte " + firstOldOnly + ")"));
    }

    private static boolean readOld(MemObject o, long offset, byte[] buf, int n) {
        o.read(offset, buf, 0, n);
        return true;
    }

    // ---------------------------------------------------------------- how much new data each write left

    /**
     * The new-data prefix of each write in the last judged outcome: computing it reads the write's whole
     * source, which for a large copy is most of the judge's work, and the invariants, the shape, the answers
     * and {@link Oracle#commit} all need it. Valid for the results list {@link #prefixesFor} only.
     */
    private final Map<Effect.Write, Long> prefixes = new HashMap<>();
    /** Per object, the pages (page number + GUARD_PAGES) the last judged outcome shows equal to the model. */
    private final Map<String, BitSet> unchanged = new HashMap<>();
    private Object prefixesFor;

    private void remember(List<Result> results) {
        if (prefixesFor != results) {
            prefixes.clear();
            unchanged.clear();
            prefixesFor = results;
        }
    }

    /** Forget the last outcome (after commit: the memory it describes is the model's own now). */
    void forget() {
        prefixes.clear();
        unchanged.clear();
        prefixesFor = null;
    }

    /**
     * The pages of {@code object} (indexed by page number + {@link Layout#GUARD_PAGES}) that {@code results}
     * showed equal to the model when they were judged, so that commit need not compare them again; empty when
     * {@code results} are not the ones last judged.
     */
    BitSet unchangedPages(String object, List<Result> results) {
        BitSet pages = results == prefixesFor ? unchanged.get(object) : null;
        return pages == null ? new BitSet() : pages;
    }

    /**
     * How many leading bytes of {@code w} hold its new data in {@code observed} (the judged results, whose
     * memo is reused when they are the ones last judged); unreadable bytes count as matching.
     */
    long writtenPrefix(Effect.Write w, Result.Bytes observed, List<Result> results) {
        remember(results);
        MemObject o = world.objectOrNull(w.object());
        if (o == null) return 0;
        return newPrefix(w, Seen.of(o, observed.from(), observed.data(), observed.unreadablePages()));
    }

    private long newPrefix(Effect.Write w, Seen s) {
        Long known = prefixes.get(w);
        if (known != null) return known;
        long p = computeNewPrefix(w, s);
        prefixes.put(w, p);
        return p;
    }

    /** The length of the longest prefix of the write's range that holds the new data (unreadable bytes count as matching). */
    private long computeNewPrefix(Effect.Write w, Seen s) {
        byte[] buf = new byte[PAGE];
        for (long i = 0; i < w.length(); ) {
            long off = w.offset() + i;
            int n = (int) Math.min((MemObject.pageOf(off) + 1) * PAGE - off, w.length() - i);
            if (s.readable(off) && newBytes(w, i, buf, n)) {
                int base = (int) (off - s.from());
                int m = Arrays.mismatch(buf, 0, n, s.data(), base, base + n);
                if (m >= 0) return i + m;
            }
            i += n;
        }
        return w.length();
    }

    /** The smallest index from which every byte of the write's range still holds its old value. */
    private static long oldSuffixStart(Effect.Write w, Seen s) {
        MemObject o = s.object();
        byte[] buf = new byte[PAGE];
        for (long end = w.length(); end > 0; ) {
            long lastOff = w.offset() + end - 1;
            long chunkStart = Math.max(MemObject.pageOf(lastOff) * PAGE, w.offset());
            int n = (int) (lastOff + 1 - chunkStart);
            if (s.readable(lastOff)) {
                o.read(chunkStart, buf, 0, n);
                int base = (int) (chunkStart - s.from());
                if (Arrays.mismatch(buf, 0, n, s.data(), base, base + n) >= 0) {
                    for (int j = n - 1; j >= 0; j--) {
                        if (buf[j] != s.data()[base + j]) return chunkStart - w.offset() + j + 1;
                    }
                }
            }
            end -= n;
        }
        return 0;
    }

    // ---------------------------------------------------------------- answers and wording

    private Map<String, String> answers(Call call, Expectation.Allowed exp, long returned, Alternative best, List<Seen> seen) {
        if (exp.questions().isEmpty()) return Map.of();
        Map<String, String> out = new LinkedHashMap<>();
        for (Question q : exp.questions()) {
            if (q.id().endsWith(Questions.FAILURE_PREFIX)) {
                for (Effect e : best.effects()) {
                    if (e instanceof Effect.Write w && !w.exact()) {
                        Seen s = seenOf(w.object(), seen);
                        if (s != null) out.put(q.id(), "bytes written before failure: " + Math.min(newPrefix(w, s), w.maxWritten()) + " of " + w.length());
                    }
                }
                out.putIfAbsent(q.id(), "returned " + valueName(call, returned));
            } else {
                out.put(q.id(), "returned " + valueName(call, returned));
            }
        }
        return out;
    }

    private static String allowedText(Call call, Expectation.Allowed exp) {
        StringBuilder sb = new StringBuilder();
        for (Alternative a : exp.alternatives()) {
            if (!sb.isEmpty()) sb.append(" | ");
            sb.append(valueName(call, a.returnValue())).append(" (").append(a.clauses().get(0)).append(": ").append(a.description()).append(")");
        }
        return sb.toString();
    }

    /** The return value with its symbolic name where the service has one. */
    static String valueName(Call call, long v) {
        String name = switch (call) {
            case Call.Xmattach x -> v == Call.XMEM_SUCC ? "XMEM_SUCC" : v == Call.XMEM_FAIL ? "XMEM_FAIL" : null;
            case Call.Xmdetach x -> v == Call.XMEM_SUCC ? "XMEM_SUCC" : v == Call.XMEM_FAIL ? "XMEM_FAIL" : null;
            case Call.Xmemout x -> v == Call.XMEM_SUCC ? "XMEM_SUCC" : v == Call.XMEM_FAIL ? "XMEM_FAIL" : null;
            case Call.VmMvc m -> v == Call.ENOENT ? "ENOENT" : v == Call.EINVAL ? "EINVAL" : null;
            case Call.XxIoctl i -> v == Call.EFAULT ? "EFAULT" : null;
            default -> null;
        };
        return name == null ? String.valueOf(v) : v + " (" + name + ")";
    }
}
