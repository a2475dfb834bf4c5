package xmemck.oracle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Result;

/**
 * Decides whether what an implementation did lies in the allowed set, and says readably where it
 * does not. In the order the steps run:
 *
 * <ol>
 *   <li>{@link #collect}: every answer is the observation asked for ({@code kit.observable});
 *   <li>{@link #readability}: the kit reads every page that exists (its view ignores protections),
 *       and a hole stays a hole;
 *   <li>{@link #changes}: the invariants of every call: no byte outside every destination changes
 *       ({@code inv.no-write-outside}, {@code inv.source-unchanged}) and every changed destination
 *       byte holds the byte the copy would have put there ({@code inv.no-foreign-data});
 *   <li>{@link #shape}: an alternative with the returned value explains memory: a success holds all
 *       the new data, a failure changed only bytes it could store ({@code inv.failure-effect}),
 *       protections are allowed ones;
 *   <li>{@link #answers}: what the implementation chose where the pages leave room.
 * </ol>
 *
 * The model is read as it was before the call.
 */
final class Judge {

    static final String NO_WRITE_OUTSIDE = "inv.no-write-outside";
    static final String OBSERVABLE = "kit.observable";
    static final String SOURCE_UNCHANGED = "inv.source-unchanged";
    static final String NO_FOREIGN_DATA = "inv.no-foreign-data";
    static final String FAILURE_EFFECT = "inv.failure-effect";

    private static final int PAGE = MemObject.PAGE;

    private final World world;
    private final Candidates candidates;

    Judge(World world) {
        this.world = world;
        this.candidates = new Candidates(world);
    }

    /**
     * One page protection as the implementation reported it; {@code prot} is null when the adapter
     * cannot observe it.
     */
    record SeenProt(MemObject object, long page, Prot prot) {}

    /** How the model expects a page to be observable. */
    enum Readability {
        MUST,
        MAY,
        HOLE
    }

    /**
     * The kit's observations read memory with a privileged view that ignores protections
     * (PROTOCOL.md), so every page that exists must be readable, a no-access page included:
     * otherwise a write into it could hide. Only memory that is gone or broken may be unreadable (a
     * deleted segment, a file page without a frame, a page whose paging I/O fails or that has a
     * hardware error); a hole must stay unreadable.
     */
    static Readability readability(MemObject o, long page) {
        if (o.isGuard(page)) return Readability.MUST;
        if (o.hole(page)) return Readability.HOLE;
        PageState s = o.state(page);
        if (o.segmentDeleted()
                || !o.hasFrame(page)
                || s == PageState.PAGING_IO_ERROR
                || s == PageState.HARDWARE_ERROR) return Readability.MAY;
        return Readability.MUST;
    }

    Judgement judge(
            Call call,
            Expectation.Allowed exp,
            long returned,
            List<Observe> observations,
            List<Result> results,
            Span source) {
        if (observations.size() != results.size()) {
            throw new IllegalArgumentException(
                    "judge "
                            + call.describe()
                            + ": "
                            + observations.size()
                            + " observation(s) were asked for but "
                            + results.size()
                            + " result(s) given; pass one result per observation, in order");
        }
        List<Finding> invariants = new ArrayList<>();
        List<Seen> seen = new ArrayList<>();
        List<SeenProt> prots = new ArrayList<>();
        List<Effect.Write> writes = writesOf(exp);
        collect(call, observations, results, writes, seen, prots, invariants);
        Facts facts = new Facts(writes);
        for (Seen s : seen) readability(s, invariants);
        for (Seen s : seen) changes(s, writes, source, facts, invariants);

        Set<String> checked = new LinkedHashSet<>();
        checked.add(NO_WRITE_OUTSIDE);
        if (source != null && source.length() > 0 && Seen.find(source.object(), seen) != null)
            checked.add(SOURCE_UNCHANGED);
        if (writes.stream().anyMatch(w -> w.length() > 0)) checked.add(NO_FOREIGN_DATA);

        // An alternative with the returned value whose memory shape and protections match; the
        // closest one otherwise.
        Alternative best = null;
        List<Finding> bestFindings = null;
        boolean needsProtection = false;
        for (Alternative a : exp.alternatives()) {
            if (a.returnValue() != returned) continue;
            Shape sh = shape(a, call, returned, writes, seen, prots, facts);
            if (bestFindings == null || sh.findings.size() < bestFindings.size()) {
                best = a;
                bestFindings = sh.findings;
                needsProtection = sh.unobservedProtection;
            }
            if (sh.findings.isEmpty()) break;
        }
        List<Finding> findings = new ArrayList<>(invariants);
        if (best == null) {
            // No allowed outcome returns this value: that is the finding; the memory is described,
            // not judged against an
            // outcome the implementation did not choose.
            best = exp.alternatives().getFirst();
            findings.add(
                    Finding.against(
                            best,
                            Finding.Kind.RETURN_VALUE,
                            "returned "
                                    + valueName(call, returned)
                                    + "; allowed: "
                                    + allowedText(call, exp)
                                    + describeEffects(writes, seen),
                            null));
        } else {
            findings.addAll(bestFindings);
        }
        if (best.effects().stream().anyMatch(e -> e instanceof Effect.Write w && !w.exact()))
            checked.add(FAILURE_EFFECT);

        Set<String> clauses = new LinkedHashSet<>(best.clauses());
        clauses.addAll(checked);
        for (Finding f : findings) clauses.add(f.clause());
        Observed observed = new Observed(seen, prots, facts);
        List<Picture> pictures =
                findings.isEmpty()
                        ? List.of()
                        : new Pictures(candidates)
                                .of(
                                        seen,
                                        writes,
                                        facts,
                                        findings,
                                        valueName(call, returned),
                                        allowedText(call, exp));
        return new Judgement(
                findings.isEmpty(),
                best,
                List.copyOf(clauses),
                findings,
                answers(call, exp, returned, best, seen, prots),
                findings.isEmpty() && needsProtection,
                observed,
                pictures);
    }

    // ---------------------------------------------------------------- 1. collect: the answers are
    // what was asked

    private void collect(
            Call call,
            List<Observe> observations,
            List<Result> results,
            List<Effect.Write> writes,
            List<Seen> seen,
            List<SeenProt> prots,
            List<Finding> findings) {
        Set<String> digested = new java.util.HashSet<>();
        for (Observe o : observations) if (o instanceof Observe.Digest d) digested.add(d.object());
        Map<String, List<Result.Bytes>> fetched = new HashMap<>();
        for (int i = 0; i < observations.size(); i++) {
            Result r = results.get(i);
            switch (observations.get(i)) {
                case Observe.Bytes b when digested.contains(b.object()) -> {
                    // The bytes of pages whose digest matched nothing the oracle allows.
                    if (r instanceof Result.Bytes rb
                            && rb.object().equals(b.object())
                            && rb.from() == b.from()
                            && rb.data().length == b.length()) {
                        fetched.computeIfAbsent(b.object(), x -> new ArrayList<>()).add(rb);
                    } else {
                        findings.add(
                                new Finding(
                                        OBSERVABLE,
                                        Finding.Kind.OBSERVATION,
                                        "could not "
                                                + b.describe()
                                                + ": the implementation answered "
                                                + brief(r)));
                    }
                }
                case Observe.Bytes b -> {
                    MemObject obj = world.object(call, b.object());
                    boolean whole = Math.floorMod(b.from(), PAGE) == 0 && b.length() % PAGE == 0;
                    if (r instanceof Result.Bytes rb
                            && whole
                            && rb.from() == b.from()
                            && rb.data().length == b.length()
                            && rb.object().equals(b.object())) {
                        seen.add(Seen.of(obj, rb));
                    } else {
                        findings.add(
                                new Finding(
                                        OBSERVABLE,
                                        Finding.Kind.OBSERVATION,
                                        "could not "
                                                + b.describe()
                                                + ": the implementation answered "
                                                + brief(r)));
                    }
                }
                case Observe.Digest d -> {} // below, once every fetched page is known
                case Observe.Protection p -> {
                    MemObject obj = world.object(call, p.object());
                    if (r instanceof Result.Protection rp)
                        prots.add(new SeenProt(obj, p.page(), rp.prot()));
                    else if (r instanceof Result.Unsupported)
                        prots.add(new SeenProt(obj, p.page(), null));
                    else
                        findings.add(
                                new Finding(
                                        OBSERVABLE,
                                        Finding.Kind.OBSERVATION,
                                        "could not "
                                                + p.describe()
                                                + ": the implementation answered "
                                                + brief(r)));
                }
            }
        }
        for (int i = 0; i < observations.size(); i++) {
            if (!(observations.get(i) instanceof Observe.Digest d)) continue;
            Result r = results.get(i);
            MemObject obj = world.object(call, d.object());
            if (r instanceof Result.Digest rd
                    && rd.object().equals(d.object())
                    && rd.from() == d.from()
                    && (long) rd.pages() * PAGE == d.length()) {
                Seen s =
                        fromDigests(
                                obj,
                                rd,
                                fetched.getOrDefault(d.object(), List.of()),
                                writes,
                                findings);
                if (s != null) seen.add(s);
            } else {
                findings.add(
                        new Finding(
                                OBSERVABLE,
                                Finding.Kind.OBSERVATION,
                                "could not "
                                        + d.describe()
                                        + ": the implementation answered "
                                        + brief(r)));
            }
        }
    }

    /** Every write any alternative names, once. */
    static List<Effect.Write> writesOf(Expectation.Allowed exp) {
        List<Effect.Write> writes = new ArrayList<>();
        for (Alternative a : exp.alternatives()) {
            for (Effect e : a.effects())
                if (e instanceof Effect.Write w && !writes.contains(w)) writes.add(w);
        }
        return writes;
    }

    /**
     * An object seen through page digests: a page whose digest is that of a candidate (the page
     * before the call, or a write's new data) is that candidate; any other page must have been
     * fetched as bytes.
     */
    private Seen fromDigests(
            MemObject o,
            Result.Digest rd,
            List<Result.Bytes> fetched,
            List<Effect.Write> writes,
            List<Finding> findings) {
        long first = MemObject.pageOf(rd.from());
        PageContent[] pages = new PageContent[rd.pages()];
        Set<Long> unreadable = new java.util.HashSet<>(rd.unreadablePages());
        for (int i = 0; i < pages.length; i++) {
            long p = first + i;
            if (unreadable.contains(p)) continue;
            pages[i] = fetchedPage(fetched, p);
            if (pages[i] == null) pages[i] = candidateWithDigest(o, p, rd.digest(i), writes);
            if (pages[i] == null) {
                findings.add(
                        new Finding(
                                OBSERVABLE,
                                Finding.Kind.OBSERVATION,
                                o.describe()
                                        + ": the digest of page "
                                        + p
                                        + " matches no allowed content and its bytes were not fetched"));
                return null;
            }
        }
        return new Seen(o, first, pages);
    }

    private static PageContent fetchedPage(List<Result.Bytes> fetched, long page) {
        for (Result.Bytes b : fetched) {
            long at = page * PAGE - b.from();
            if (at >= 0 && at + PAGE <= b.data().length && !b.unreadablePages().contains(page))
                return new PageContent.Slice(b.data(), (int) at);
        }
        return null;
    }

    /**
     * The candidate content of page {@code page} whose digest is {@code digest}, or null. The new
     * page of a write that stores all its data is tried before the page as it was: a page a call
     * may write usually holds its new data, whose digest is often known already (the source's own
     * pages, when source and destination are aligned alike), while the old page's would be computed
     * for nothing. A write that may stop early comes after the old page, as its data may name bytes
     * past its source, which exist only when it stores them. Which candidate answers does not
     * change the judgement, which compares contents.
     */
    PageContent candidateWithDigest(
            MemObject o, long page, long digest, List<Effect.Write> writes) {
        List<Effect.Write> here = Candidates.on(writes, o.name, page);
        for (Effect.Write w : here) {
            if (!w.exact()) continue;
            PageContent n = candidates.newPage(w, o, page);
            if (PageDigests.of(n) == digest) return n;
        }
        PageContent old = o.page(page);
        if (PageDigests.of(old) == digest) return old;
        for (Effect.Write w : here) {
            if (w.exact()) continue;
            PageContent n = candidates.newPage(w, o, page);
            if (PageDigests.of(n) == digest) return n;
        }
        return null;
    }

    private static String brief(Result r) {
        return switch (r) {
            case Result.Bytes b ->
                    "bytes of "
                            + b.object()
                            + " from "
                            + b.from()
                            + " ("
                            + b.data().length
                            + " bytes)";
            case Result.Digest d ->
                    "digests of " + d.object() + " from " + d.from() + " (" + d.pages() + " pages)";
            case Result.Unsupported u -> "unsupported (" + u.reason() + ")";
            case null -> "nothing";
            default -> r.toString();
        };
    }

    // ---------------------------------------------------------------- 2. readability

    /** Pages that exist must be readable by the kit; holes must not have become readable memory. */
    private static void readability(Seen s, List<Finding> findings) {
        for (long p = s.firstPage(); p < s.endPage(); p++)
            comparable(s.object, p, !s.readable(p), findings);
    }

    /**
     * Whether page {@code page} of {@code o}, which the implementation reported {@code unreadable}
     * or not, has content to compare; adds the finding when its readability is not the model's (a
     * page that exists reported unreadable, a hole reported readable). The one rule for every
     * observation, of bytes or digests, in a judgement or on its own.
     */
    static boolean comparable(MemObject o, long page, boolean unreadable, List<Finding> findings) {
        Readability want = readability(o, page);
        if (unreadable && want == Readability.MUST) {
            findings.add(
                    new Finding(
                            OBSERVABLE,
                            Finding.Kind.OBSERVATION,
                            o.describe()
                                    + ": page "
                                    + page
                                    + (o.isGuard(page) ? " (a guard page)" : "")
                                    + " exists in the model but the implementation reports it unreadable; the kit's view reads every page whatever its protection"));
        } else if (!unreadable && want == Readability.HOLE) {
            findings.add(
                    new Finding(
                            NO_WRITE_OUTSIDE,
                            Finding.Kind.WRITE_OUTSIDE,
                            o.describe()
                                    + ": page "
                                    + page
                                    + " is a hole (unmapped) in the model but the implementation reports it readable: something mapped it"));
        }
        return !unreadable && want != Readability.HOLE;
    }

    // ---------------------------------------------------------------- 3. the invariants of every
    // call

    /**
     * What each observed page is, as far as the judgement needs: equal to the model's page, or to a
     * write's new page.
     */
    static final class Facts {
        private final Map<Effect.Write, Integer> index = new HashMap<>();
        private final Map<String, Map<Long, Long>> newMasks =
                new HashMap<>(); // page -> bit k: equal to write k's new page
        private final Map<String, Set<Long>> old = new HashMap<>();

        Facts(List<Effect.Write> writes) {
            for (int k = 0; k < writes.size() && k < 64; k++) index.put(writes.get(k), k);
        }

        void setOld(String object, long page) {
            old.computeIfAbsent(object, x -> new java.util.HashSet<>()).add(page);
        }

        void setNew(String object, long page, long mask) {
            if (mask != 0) newMasks.computeIfAbsent(object, x -> new HashMap<>()).put(page, mask);
        }

        boolean isOld(String object, long page) {
            Set<Long> s = old.get(object);
            return s != null && s.contains(page);
        }

        long newMask(String object, long page) {
            Map<Long, Long> m = newMasks.get(object);
            return m == null ? 0 : m.getOrDefault(page, 0L);
        }

        boolean isNew(String object, long page, Effect.Write w) {
            Integer k = index.get(w);
            return k != null && (newMask(object, page) & (1L << k)) != 0;
        }

        Integer indexOf(Effect.Write w) {
            return index.get(w);
        }
    }

    /**
     * Every changed byte must lie in a destination and hold the new data for its position. Page by
     * page, the cheap way first: a page equal to the model's, or to a write's new page, needs no
     * byte walk.
     */
    private void changes(
            Seen s, List<Effect.Write> writes, Span source, Facts facts, List<Finding> findings) {
        MemObject o = s.object;
        DiffList outside = new DiffList(o), sourceDiff = new DiffList(o), foreign = new DiffList(o);
        for (long p = s.firstPage(); p < s.endPage(); p++) {
            if (!s.readable(p) || readability(o, p) == Readability.HOLE) continue;
            PageContent seenPage = s.page(p), oldPage = o.page(p);
            if (PageContent.same(seenPage, oldPage)) {
                facts.setOld(o.name, p);
                continue;
            }
            List<Effect.Write> here = Candidates.on(writes, o.name, p);
            List<PageContent> fresh = new ArrayList<>(here.size());
            long mask = 0;
            for (Effect.Write w : here) {
                PageContent n = candidates.newPage(w, o, p);
                fresh.add(n);
                Integer k = facts.indexOf(w);
                if (k != null && PageContent.same(seenPage, n)) mask |= 1L << k;
            }
            facts.setNew(o.name, p, mask);
            if (mask != 0) continue;
            PageContent.View sv = seenPage.view(), ov = oldPage.view();
            for (int i = 0; i < PAGE; i++) {
                byte got = sv.array()[sv.offset() + i], was = ov.array()[ov.offset() + i];
                if (got == was) continue;
                long off = p * PAGE + i;
                boolean covered = false, fits = false;
                StringBuilder news = null;
                for (int k = 0; k < here.size(); k++) {
                    Effect.Write w = here.get(k);
                    if (off < w.offset() || off >= w.offset() + w.length()) continue;
                    covered = true;
                    byte want = fresh.get(k).at(i);
                    if (want == got) {
                        fits = true;
                        break;
                    }
                    if (foreign.showsNext())
                        (news == null ? news = new StringBuilder() : news.append(" or "))
                                .append(DiffList.hex(want));
                }
                if (!covered) {
                    DiffList d =
                            source != null && source.contains(o.name, off) ? sourceDiff : outside;
                    if (d.showsNext()) d.add(off, DiffList.hex(was), got);
                    else d.addHidden(off);
                } else if (!fits) {
                    if (foreign.showsNext())
                        foreign.add(
                                off,
                                DiffList.hex(was)
                                        + " (unchanged) or "
                                        + news
                                        + " (the source's byte)",
                                got);
                    else foreign.addHidden(off);
                }
            }
        }
        if (!outside.isEmpty())
            findings.add(
                    outside.finding(
                            NO_WRITE_OUTSIDE,
                            Finding.Kind.WRITE_OUTSIDE,
                            o.describe()
                                    + ": bytes changed outside the destination"
                                    + destText(o, writes)));
        if (!sourceDiff.isEmpty())
            findings.add(
                    sourceDiff.finding(
                            SOURCE_UNCHANGED,
                            Finding.Kind.SOURCE_CHANGED,
                            o.describe()
                                    + ": the source "
                                    + source.object()
                                    + "["
                                    + source.offset()
                                    + ", "
                                    + (source.offset() + source.length())
                                    + ") changed"));
        if (!foreign.isEmpty())
            findings.add(
                    foreign.finding(
                            NO_FOREIGN_DATA,
                            Finding.Kind.FOREIGN_DATA,
                            o.describe()
                                    + ": destination bytes hold data that is neither their old value nor the source's"));
    }

    private static String destText(MemObject o, List<Effect.Write> writes) {
        StringBuilder sb = new StringBuilder();
        for (Effect.Write w : writes) {
            if (!w.object().equals(o.name) || w.length() == 0) continue;
            sb.append(sb.isEmpty() ? " [" : ", [")
                    .append(w.offset())
                    .append(", ")
                    .append(w.offset() + w.length())
                    .append(")");
        }
        return sb.isEmpty() ? " (this call may write nothing here)" : sb.toString();
    }

    // ---------------------------------------------------------------- 4. the alternative's shape

    private record Shape(List<Finding> findings, boolean unobservedProtection) {}

    /**
     * Does memory match alternative {@code a}: each of its writes holds all its new data (a
     * success) or changed only bytes the copy could store (a failure); a write of another
     * alternative that {@code a} lacks is untouched; protections are allowed ones.
     */
    private Shape shape(
            Alternative a,
            Call call,
            long returned,
            List<Effect.Write> writes,
            List<Seen> seen,
            List<SeenProt> prots,
            Facts facts) {
        List<Finding> out = new ArrayList<>(1);
        for (Effect.Write w : writes) {
            Effect.Write mine = null;
            for (Effect e : a.effects())
                if (e instanceof Effect.Write x
                        && x.object().equals(w.object())
                        && x.offset() == w.offset()
                        && x.length() == w.length()) mine = x;
            if (mine == null)
                mine = Outcomes.untouched(w.object(), w.offset(), w.length(), w.data());
            else if (!mine.equals(w))
                continue; // a different write over the same span: checked when the loop reaches it
            Seen s = Seen.find(mine.object(), seen);
            if (s == null || mine.length() == 0) continue;
            Finding f = writeShape(a, call, returned, mine, s, facts);
            if (f != null) out.add(f);
        }
        boolean unobserved = false;
        for (SeenProt p : prots) {
            Set<Prot> want =
                    Set.of(p.object().hole(p.page()) ? Prot.NONE : p.object().prot(p.page()));
            for (Effect e : a.effects())
                if (e instanceof Effect.Protect pr
                        && pr.object().equals(p.object().name)
                        && pr.page() == p.page()) want = pr.allowed();
            if (p.prot() == null) {
                unobserved = true;
                continue;
            }
            if (!want.contains(p.prot())) {
                out.add(
                        Finding.against(
                                a,
                                Finding.Kind.PROTECTION,
                                p.object().describe()
                                        + ": page "
                                        + p.page()
                                        + " should have protection "
                                        + (want.size() == 1
                                                ? want.iterator().next()
                                                : "one of " + new java.util.TreeSet<>(want))
                                        + " but has "
                                        + p.prot(),
                                null));
            }
        }
        return new Shape(out, unobserved);
    }

    /** Null when {@code w} explains the bytes of {@code s}; otherwise the finding, with a diff. */
    private Finding writeShape(
            Alternative a, Call call, long returned, Effect.Write w, Seen s, Facts facts) {
        MemObject o = s.object;
        DiffList diffs = new DiffList(o);
        for (long p = MemObject.pageOf(w.offset());
                p <= MemObject.pageOf(w.offset() + w.length() - 1);
                p++) {
            if (!s.readable(p)) continue;
            int lo = (int) (Math.max(p * PAGE, w.offset()) - p * PAGE),
                    hi = (int) (Math.min((p + 1) * PAGE, w.offset() + w.length()) - p * PAGE);
            PageContent seenPage = s.page(p);
            switch (w.extent()) {
                case Effect.Extent.Whole whole -> {
                    if (facts.isNew(o.name, p, w)) continue;
                    diff(diffs, p, seenPage, candidates.newPage(w, o, p), lo, hi, " (new)");
                }
                case Effect.Extent.Partial part -> {
                    if (facts.isOld(o.name, p)) continue;
                    // Bytes the copy could store may hold old or new data (inv.no-foreign-data
                    // checks which); the others must be old.
                    long base = p * PAGE - w.offset();
                    int at = lo;
                    for (Effect.Range r : part.writable()) {
                        int from = (int) Math.max(lo, Math.min(hi, r.from() - base)),
                                to = (int) Math.max(lo, Math.min(hi, r.to() - base));
                        if (from > at)
                            diff(diffs, p, seenPage, o.page(p), at, from, " (old: not storable)");
                        at = Math.max(at, to);
                    }
                    if (at < hi)
                        diff(diffs, p, seenPage, o.page(p), at, hi, " (old: not storable)");
                }
            }
        }
        if (diffs.isEmpty()) return null;
        String range = o.name + "[" + w.offset() + ", " + (w.offset() + w.length()) + ")";
        if (w.exact()) {
            return diffs.finding(
                    a,
                    Finding.Kind.INCOMPLETE,
                    "returned "
                            + valueName(call, returned)
                            + " ("
                            + a.description()
                            + "), so destination "
                            + range
                            + " must hold exactly the "
                            + w.length()
                            + " new bytes");
        }
        String rule =
                w.untouched()
                        ? "must be untouched"
                        : "may hold new data only in the bytes the copy could store ("
                                + writableText(((Effect.Extent.Partial) w.extent()).writable())
                                + ") and must keep its old bytes elsewhere";
        return diffs.finding(
                FAILURE_EFFECT,
                Finding.Kind.FAILURE_EFFECT,
                "returned "
                        + valueName(call, returned)
                        + " ("
                        + a.description()
                        + "), so destination "
                        + range
                        + " "
                        + rule);
    }

    private static void diff(
            DiffList diffs,
            long page,
            PageContent seen,
            PageContent want,
            int from,
            int to,
            String label) {
        for (int i = PageContent.mismatch(seen, want, from, to); i >= 0 && i < to; i++) {
            byte got = seen.at(i), w = want.at(i);
            if (got == w) continue;
            long off = page * PAGE + i;
            if (diffs.showsNext()) diffs.add(off, DiffList.hex(w) + label, got);
            else diffs.addHidden(off);
        }
    }

    private static String writableText(List<Effect.Range> writable) {
        List<String> parts = new ArrayList<>();
        for (Effect.Range r : writable) parts.add(r.toString());
        return String.join(", ", parts);
    }

    // ---------------------------------------------------------------- 5. answers and wording

    private Map<String, String> answers(
            Call call,
            Expectation.Allowed exp,
            long returned,
            Alternative best,
            List<Seen> seen,
            List<SeenProt> prots) {
        if (exp.questions().isEmpty()) return Map.of();
        Map<String, String> out = new LinkedHashMap<>();
        for (Question q : exp.questions()) {
            switch (q.answeredBy()) {
                case RETURN_VALUE -> out.put(q.id(), "returned " + valueName(call, returned));
                case FAILURE_EFFECT -> {
                    // Only when the call did fail with data it could have stored: the entry
                    // describes that situation.
                    for (Effect e : best.effects()) {
                        if (e instanceof Effect.Write w
                                && w.extent() instanceof Effect.Extent.Partial p
                                && !p.writable().isEmpty()
                                && best.returnValue() == returned) {
                            Seen s = Seen.find(w.object(), seen);
                            if (s != null) out.put(q.id(), effectShape(w, s));
                        }
                    }
                }
                case PROTECTION -> {
                    for (Effect e : best.effects()) {
                        if (!(e instanceof Effect.Protect pr)) continue;
                        for (SeenProt sp : prots) {
                            if (sp.object().name.equals(pr.object())
                                    && sp.page() == pr.page()
                                    && sp.prot() != null) out.put(q.id(), sp.prot().name());
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * What the destination of {@code w} holds: "untouched", "a prefix of K of N bytes", "a suffix
     * ...", or "K of N bytes changed".
     */
    String effectShape(Effect.Write w, Seen s) {
        MemObject o = s.object;
        long n = w.length();
        long firstChanged = n, lastChanged = -1, firstNotNew = n, lastNotNew = -1;
        for (long p = MemObject.pageOf(w.offset());
                p <= MemObject.pageOf(w.offset() + n - 1);
                p++) {
            if (!s.readable(p)) continue;
            int lo = (int) (Math.max(p * PAGE, w.offset()) - p * PAGE),
                    hi = (int) (Math.min((p + 1) * PAGE, w.offset() + n) - p * PAGE);
            long base = p * PAGE - w.offset();
            PageContent seenPage = s.page(p), fresh = candidates.newPage(w, o, p);
            int c = PageContent.mismatch(seenPage, o.page(p), lo, hi);
            if (c >= 0) {
                firstChanged = Math.min(firstChanged, base + c);
                lastChanged =
                        Math.max(
                                lastChanged,
                                base + PageContent.lastMismatch(seenPage, o.page(p), lo, hi));
            }
            int d = PageContent.mismatch(seenPage, fresh, lo, hi);
            if (d >= 0) {
                firstNotNew = Math.min(firstNotNew, base + d);
                lastNotNew =
                        Math.max(
                                lastNotNew,
                                base + PageContent.lastMismatch(seenPage, fresh, lo, hi));
            }
        }
        if (lastChanged < 0) return "untouched";
        if (firstNotNew == n) return "all " + n + " bytes written";
        if (lastChanged < firstNotNew)
            return "a prefix: the first " + (lastChanged + 1) + " of " + n + " bytes written";
        if (firstChanged > lastNotNew)
            return "a suffix: the last " + (n - firstChanged) + " of " + n + " bytes written";
        return "another mix: bytes changed from "
                + firstChanged
                + " to "
                + lastChanged
                + " of "
                + n;
    }

    /** For a wrong return value: what each destination holds, in words. */
    private String describeEffects(List<Effect.Write> writes, List<Seen> seen) {
        StringBuilder sb = new StringBuilder();
        Set<String> done = new java.util.HashSet<>();
        for (Effect.Write w : writes) {
            Seen s = Seen.find(w.object(), seen);
            if (s == null
                    || w.length() == 0
                    || !done.add(w.object() + "/" + w.offset() + "/" + w.length())) continue;
            sb.append("; ")
                    .append(w.object())
                    .append("[")
                    .append(w.offset())
                    .append(", ")
                    .append(w.offset() + w.length())
                    .append("): ")
                    .append(effectShape(w, s));
        }
        return sb.toString();
    }

    private static String allowedText(Call call, Expectation.Allowed exp) {
        StringBuilder sb = new StringBuilder();
        for (Alternative a : exp.alternatives()) {
            if (!sb.isEmpty()) sb.append(" | ");
            sb.append(valueName(call, a.returnValue()))
                    .append(" (")
                    .append(a.clauses().getFirst())
                    .append(": ")
                    .append(a.description())
                    .append(")");
        }
        return sb.toString();
    }

    /** The return value with its symbolic name where the service has one. */
    static String valueName(Call call, long v) {
        String name =
                switch (call) {
                    case Call.Xmattach x ->
                            v == Call.XMEM_SUCC
                                    ? "XMEM_SUCC"
                                    : v == Call.XMEM_FAIL ? "XMEM_FAIL" : null;
                    case Call.Xmdetach x ->
                            v == Call.XMEM_SUCC
                                    ? "XMEM_SUCC"
                                    : v == Call.XMEM_FAIL ? "XMEM_FAIL" : null;
                    case Call.Xmemout x ->
                            v == Call.XMEM_SUCC
                                    ? "XMEM_SUCC"
                                    : v == Call.XMEM_FAIL ? "XMEM_FAIL" : null;
                    case Call.VmMvc m ->
                            v == Call.ENOENT ? "ENOENT" : v == Call.EINVAL ? "EINVAL" : null;
                    case Call.XxIoctl i -> v == Call.EFAULT ? "EFAULT" : null;
                    default -> null;
                };
        return name == null ? String.valueOf(v) : v + " (" + name + ")";
    }
}
