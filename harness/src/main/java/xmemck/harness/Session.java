package xmemck.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.oracle.Expectation;
import xmemck.oracle.Finding;
import xmemck.oracle.Judgement;
import xmemck.oracle.Oracle;
import xmemck.oracle.Verdict;
import xmemck.oracle.WorldError;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;

/**
 * One scenario's run: every operation goes to the oracle and to the implementation, and gets a
 * verdict.
 *
 * <p>The first step that is not PASS stops the session: the world after an unsupported set-up, an
 * outside-the-contract call, a failure or an error is no longer known, so later operations are not
 * run (they answer a step saying so, with the stopping verdict). A problem of the implementation
 * never throws out of {@link #run}: it becomes an ERROR step.
 */
public final class Session implements AutoCloseable {
    private final Sut sut;
    private final Oracle oracle = new Oracle();
    private final List<Step> steps = new ArrayList<>();
    private Verdict worst = Verdict.PASS;
    private Step stopper;

    /**
     * Objects of more than this many pages (guards included) are observed through page digests when
     * the adapter can.
     */
    private final int digestAbovePages;

    /**
     * Starts a fresh world in the oracle and in {@code sut} (which is reset), observing objects as
     * {@link #digestAbovePagesFor} chooses for {@code sut}.
     */
    public Session(Sut sut) {
        this(sut, digestAbovePagesFor(sut));
    }

    /**
     * Objects of more than this many pages are best observed through digests on {@code sut}: over a
     * pipe ({@link Sut#prefersWholeScenarios}) all of them, as a digest costs the implementation
     * and the wire less than the bytes (a 4-page buffer with its guards is 32 KB of base64, its
     * digests 96 characters); elsewhere only large ones. The verdicts are the same either way.
     */
    public static int digestAbovePagesFor(Sut sut) {
        return sut.prefersWholeScenarios() ? 0 : Oracle.DIGEST_MIN_PAGES;
    }

    /**
     * As {@link #Session(Sut)}, observing objects of more than {@code digestAbovePages} pages
     * (guards included) through page digests when the adapter can: 0 for every object, {@link
     * Oracle#DIGEST_MIN_PAGES} for large ones only. The verdicts are the same: a page whose digest
     * is that of no content an allowed outcome can leave is fetched as bytes and judged from them.
     */
    public Session(Sut sut, int digestAbovePages) {
        this.sut = sut;
        this.digestAbovePages = digestAbovePages;
        try {
            sut.reset();
        } catch (SutFailure f) {
            record(
                    Step.simple(
                            null,
                            Verdict.ERROR,
                            "the implementation could not start a fresh world: " + failure(f),
                            null));
        } catch (RuntimeException e) {
            record(Step.simple(null, Verdict.ERROR, "the adapter failed to reset: " + e, null));
        }
    }

    public Oracle oracle() {
        return oracle;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** The worst verdict so far; PASS when everything so far passed (or nothing ran). */
    public Verdict verdict() {
        return worst;
    }

    public boolean stopped() {
        return stopper != null;
    }

    /**
     * Every finding of the steps so far, in order: what the scenario's FAIL (or protocol ERROR)
     * rests on.
     */
    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        for (Step s : steps) out.addAll(s.findings());
        return out;
    }

    /** The failure pictures of the calls that did not conform. */
    public List<xmemck.oracle.Picture> pictures() {
        List<xmemck.oracle.Picture> out = new ArrayList<>();
        for (Step s : steps) out.addAll(s.pictures());
        return out;
    }

    /** The step that stopped the session, if any. */
    public Optional<Step> stopper() {
        return Optional.ofNullable(stopper);
    }

    /**
     * Runs {@code ops} in order, with the same verdicts as {@link #run} one by one; consecutive
     * set-up operations travel to the implementation in one batch (one round trip for adapters that
     * batch), together with the call that follows them and that call's observations when the oracle
     * admits every set-up and the call is sent at all. Once a set-up answer stops the session, the
     * answers to the operations after it in the batch are not looked at: they count as not run, as
     * they would one by one (an adapter must not fail the batch for what an implementation answers
     * after a set-up it could not create; the process adapter reads those answers leniently).
     */
    public List<Step> runAll(List<? extends Op> ops) {
        List<Step> out = new ArrayList<>(ops.size());
        int i = 0;
        while (i < ops.size()) {
            int j = i;
            while (j < ops.size() && ops.get(j) instanceof Setup) j++;
            if (j > i && j < ops.size() && ops.get(j) instanceof Call c && stopper == null) {
                out.addAll(setupsThenCall(ops.subList(i, j), c));
                i = j + 1;
            } else if (j - i > 1 && stopper == null) {
                out.addAll(setups(ops.subList(i, j)));
                i = j;
            } else {
                out.add(run(ops.get(i++)));
            }
        }
        return out;
    }

    /**
     * Set-ups and the call after them: one batch when the call is sent at all, else as {@link
     * #setups} then {@link #run}.
     */
    private List<Step> setupsThenCall(List<? extends Op> group, Call call) {
        List<Setup> admitted = new ArrayList<>(group.size());
        Step refused = admitAll(group, admitted);
        Prepared prepared = null;
        if (refused == null) {
            try {
                prepared = prepare(call);
            } catch (RuntimeException e) {
                prepared =
                        null; // run(call) below meets the same problem and makes it the call's step
            }
        }
        if (prepared == null || prepared.step() != null) {
            List<Step> out = new ArrayList<>(send(group, admitted, refused, List.of()));
            out.add(run(call));
            return out;
        }
        List<Step> out = new ArrayList<>(group.size() + 1);
        List<Result> answers = send(group, admitted, null, prepared.batch(), out);
        if (answers == null || stopper != null) {
            out.add(notRun(call));
            return out;
        }
        Step step;
        try {
            step = finish(call, prepared, answers);
        } catch (WorldError e) {
            step = Step.simple(call, Verdict.ERROR, "ill-formed scenario: " + e.getMessage(), null);
        } catch (SutFailure f) {
            step = Step.simple(call, Verdict.ERROR, failure(f), null);
        } catch (RuntimeException e) {
            step = Step.simple(call, Verdict.ERROR, "internal error: " + e, null);
        }
        out.add(record(step));
        return out;
    }

    public Step run(Op op) {
        if (stopper != null) return notRun(op);
        Step step;
        try {
            step =
                    switch (op) {
                        case Setup s -> setup(s);
                        case Call c -> call(c);
                        case Observe o -> observe(o);
                    };
        } catch (WorldError e) {
            step = Step.simple(op, Verdict.ERROR, "ill-formed scenario: " + e.getMessage(), null);
        } catch (SutFailure f) {
            step = Step.simple(op, Verdict.ERROR, failure(f), null);
        } catch (RuntimeException e) {
            // A defect of the adapter or the kit: still a verdict, never a lost result.
            step = Step.simple(op, Verdict.ERROR, "internal error: " + e, null);
        }
        return record(step);
    }

    private Step setup(Setup op) throws SutFailure {
        Step refused = admit(op);
        return refused != null ? refused : setupAnswered(op, sut.apply(op));
    }

    /**
     * The oracle takes the set-up and the adapter can create it: null; else the step that stops the
     * session.
     */
    private Step admit(Setup op) {
        try {
            oracle.apply(op);
        } catch (WorldError e) {
            return Step.simple(op, Verdict.ERROR, "ill-formed scenario: " + e.getMessage(), null);
        }
        Optional<String> missing = sut.capabilities().whyNot(Capability.requiredBy(op));
        return missing.map(why -> Step.simple(op, Verdict.UNSUPPORTED, why, null)).orElse(null);
    }

    private Step setupAnswered(Setup op, Result r) {
        return switch (r) {
            case Result.Done d -> Step.simple(op, Verdict.PASS, "", r);
            case Result.Unsupported u when declared(op) ->
                    Step.simple(op, Verdict.ERROR, brokenPromise(op, u), r);
            case Result.Unsupported u -> Step.simple(op, Verdict.UNSUPPORTED, u.reason(), r);
            default ->
                    Step.simple(
                            op,
                            Verdict.ERROR,
                            "protocol: a set-up operation must answer done or unsupported, got "
                                    + r,
                            r);
        };
    }

    /**
     * Consecutive set-ups: those the oracle and the capabilities admit go to the implementation as
     * one batch.
     */
    private List<Step> setups(List<? extends Op> group) {
        List<Setup> admitted = new ArrayList<>(group.size());
        Step refused = admitAll(group, admitted);
        return send(group, admitted, refused, List.of());
    }

    /**
     * Admits the set-ups of {@code group} in order into {@code admitted}; the step of the first one
     * refused, or null.
     */
    private Step admitAll(List<? extends Op> group, List<Setup> admitted) {
        for (Op op : group) {
            Step refused = admit((Setup) op);
            if (refused != null) return refused;
            admitted.add((Setup) op);
        }
        return null;
    }

    private List<Step> send(
            List<? extends Op> group, List<Setup> admitted, Step refused, List<Op> more) {
        List<Step> out = new ArrayList<>(group.size());
        send(group, admitted, refused, more, out);
        return out;
    }

    /**
     * Sends the admitted set-ups of {@code group}, then {@code more} (a call and its observations),
     * in one batch; adds a step per operation of the group to {@code out}. Returns the answers to
     * {@code more}, or null when the batch failed.
     */
    private List<Result> send(
            List<? extends Op> group,
            List<Setup> admitted,
            Step refused,
            List<Op> more,
            List<Step> out) {
        int first = out.size();
        List<Result> rest = null;
        if (!admitted.isEmpty()) {
            List<Op> batch = new ArrayList<>(admitted.size() + more.size());
            batch.addAll(admitted);
            batch.addAll(more);
            try {
                List<Result> answers = sut.applyAll(batch);
                if (answers.size() != batch.size()) {
                    out.add(
                            record(
                                    Step.simple(
                                            admitted.getFirst(),
                                            Verdict.ERROR,
                                            "protocol: "
                                                    + batch.size()
                                                    + " operations answered with "
                                                    + answers.size()
                                                    + " results",
                                            null)));
                } else {
                    // Once one answer stops the session the rest count as not run, as they would
                    // one by one.
                    for (int k = 0; k < admitted.size(); k++) {
                        out.add(
                                stopper == null
                                        ? record(setupAnswered(admitted.get(k), answers.get(k)))
                                        : notRun(admitted.get(k)));
                    }
                    rest = answers.subList(admitted.size(), answers.size());
                }
            } catch (SutFailure f) {
                out.add(record(Step.simple(admitted.getFirst(), Verdict.ERROR, failure(f), null)));
            } catch (RuntimeException e) {
                out.add(
                        record(
                                Step.simple(
                                        admitted.getFirst(),
                                        Verdict.ERROR,
                                        "internal error: " + e,
                                        null)));
            }
        }
        for (int k = out.size() - first; k < admitted.size(); k++) out.add(notRun(admitted.get(k)));
        if (refused != null) out.add(stopper == null ? record(refused) : notRun(refused.op()));
        for (int k = out.size() - first; k < group.size(); k++) out.add(notRun(group.get(k)));
        return rest;
    }

    /**
     * Does the implementation declare every capability {@code op} needs, and does it need at least
     * one? Then an {@code unsupported} answer breaks the declaration: the run would otherwise count
     * as unsupported what the implementation claims to support. An operation that needs no
     * capability may still be unsupported (a skeleton).
     */
    private boolean declared(Op op) {
        Set<Capability> need = Capability.requiredBy(op);
        return !need.isEmpty() && sut.capabilities().supported().containsAll(need);
    }

    private static String brokenPromise(Op op, Result.Unsupported u) {
        return "protocol: the implementation declares "
                + new java.util.TreeSet<>(Capability.requiredBy(op))
                + " but answered unsupported to "
                + op.describe()
                + " ("
                + u.reason()
                + ")";
    }

    private Step notRun(Op op) {
        Step skipped =
                new Step(
                        op,
                        stopper.verdict(),
                        List.of(),
                        "not run: an earlier step ended the scenario",
                        null,
                        null,
                        null,
                        Map.of());
        steps.add(skipped);
        return skipped;
    }

    /**
     * A call ready to send: its step when it is not sent at all, else its expectation, observations
     * and batch.
     */
    private record Prepared(
            Step step,
            Expectation expectation,
            List<Observe> wanted,
            boolean protections,
            List<Op> batch) {}

    private Step call(Call call) throws SutFailure {
        Prepared p = prepare(call);
        if (p.step() != null) return p.step();
        return finish(call, p, sut.applyAll(p.batch()));
    }

    private Prepared prepare(Call call) {
        Expectation expectation = oracle.expect(call);
        if (expectation instanceof Expectation.OutsideContract oc) {
            return new Prepared(
                    new Step(
                            call,
                            Verdict.OUTSIDE_CONTRACT,
                            List.of(oc.clause()),
                            oc.clause() + ": " + oc.reason(),
                            expectation,
                            null,
                            null,
                            Map.of()),
                    expectation,
                    null,
                    false,
                    null);
        }
        Capabilities caps = sut.capabilities();
        Optional<String> missing = caps.whyNot(Capability.requiredBy(call));
        if (missing.isPresent())
            return new Prepared(
                    new Step(
                            call,
                            Verdict.UNSUPPORTED,
                            List.of(),
                            missing.get(),
                            expectation,
                            null,
                            null,
                            Map.of()),
                    expectation,
                    null,
                    false,
                    null);

        // What to observe depends only on the call and its expectation, so the call and its
        // observations travel
        // together: one round trip per call for adapters that batch. Large objects go as page
        // digests when the adapter
        // can; protections it cannot observe are not asked for, and the judge treats them as
        // unknown.
        List<Observe> wanted = wanted(oracle, call, expectation, caps, digestAbovePages);
        boolean protections = caps.supported().contains(Capability.PROTECTION_OBSERVATION);
        return new Prepared(null, expectation, wanted, protections, callBatch(call, wanted, caps));
    }

    /**
     * What is observed to judge {@code call}: objects of more than {@code digestAbovePages} pages
     * as page digests when the adapter can take them. {@link ScenarioPlan} plans with it too.
     */
    static List<Observe> wanted(
            Oracle oracle,
            Call call,
            Expectation expectation,
            Capabilities caps,
            int digestAbovePages) {
        return oracle.observationsFor(
                call,
                expectation,
                caps.supported().contains(Capability.DIGEST_OBSERVATION)
                        ? digestAbovePages
                        : Integer.MAX_VALUE);
    }

    /**
     * The batch that carries {@code call}: the call, then the observations of {@code wanted} the
     * adapter can answer (protections only when it observes them).
     */
    static List<Op> callBatch(Call call, List<Observe> wanted, Capabilities caps) {
        boolean protections = caps.supported().contains(Capability.PROTECTION_OBSERVATION);
        List<Op> batch = new ArrayList<>(wanted.size() + 1);
        batch.add(call);
        for (Observe o : wanted)
            if (protections || !(o instanceof Observe.Protection)) batch.add(o);
        return batch;
    }

    private Step finish(Call call, Prepared p, List<Result> answers) throws SutFailure {
        Expectation expectation = p.expectation();
        List<Observe> wanted = p.wanted();
        List<Op> batch = p.batch();
        boolean protections = p.protections();
        Capabilities caps = sut.capabilities();
        if (answers.size() != batch.size()) {
            return new Step(
                    call,
                    Verdict.ERROR,
                    List.of(),
                    "protocol: "
                            + batch.size()
                            + " operations answered with "
                            + answers.size()
                            + " results",
                    expectation,
                    null,
                    null,
                    Map.of());
        }
        Result r = answers.get(0);
        if (r instanceof Result.Unsupported u && declared(call))
            return new Step(
                    call,
                    Verdict.ERROR,
                    List.of(),
                    brokenPromise(call, u),
                    expectation,
                    r,
                    null,
                    Map.of());
        if (r instanceof Result.Unsupported u)
            return new Step(
                    call,
                    Verdict.UNSUPPORTED,
                    List.of(),
                    u.reason(),
                    expectation,
                    r,
                    null,
                    Map.of());
        if (!(r instanceof Result.Returned returned)) {
            return new Step(
                    call,
                    Verdict.ERROR,
                    List.of(),
                    "protocol: a call must answer a return value, got " + r,
                    expectation,
                    r,
                    null,
                    Map.of());
        }
        List<Result> seen = new ArrayList<>(wanted.size());
        int next = 1;
        for (Observe o : wanted) {
            Result got =
                    protections || !(o instanceof Observe.Protection)
                            ? answers.get(next++)
                            : new Result.Unsupported(
                                    caps.missing().get(Capability.PROTECTION_OBSERVATION));
            if (protections
                    && o instanceof Observe.Protection
                    && got instanceof Result.Unsupported u) {
                return new Step(
                        call,
                        Verdict.ERROR,
                        List.of(),
                        "protocol: the implementation declares "
                                + Capability.PROTECTION_OBSERVATION
                                + " but answered unsupported to "
                                + o.describe()
                                + " ("
                                + u.reason()
                                + ")",
                        expectation,
                        r,
                        null,
                        Map.of());
            }
            if (!(got instanceof Result.Bytes
                    || got instanceof Result.Digest
                    || got instanceof Result.Protection
                    || got instanceof Result.Unsupported && o instanceof Observe.Protection)) {
                return new Step(
                        call,
                        Verdict.ERROR,
                        List.of(),
                        "protocol: " + o.describe() + " answered " + got,
                        expectation,
                        r,
                        null,
                        Map.of());
            }
            seen.add(got);
        }
        // Pages whose digest is none the oracle allows: fetch their bytes (usually none).
        List<Observe> observations = new ArrayList<>(wanted);
        List<Observe.Bytes> fetches = oracle.fetchesFor(call, expectation, wanted, seen);
        if (!fetches.isEmpty()) {
            List<Result> fetched = sut.applyAll(fetches);
            if (fetched.size() != fetches.size()) {
                return new Step(
                        call,
                        Verdict.ERROR,
                        List.of(),
                        "protocol: "
                                + fetches.size()
                                + " observations answered with "
                                + fetched.size()
                                + " results",
                        expectation,
                        r,
                        null,
                        Map.of());
            }
            observations.addAll(fetches);
            seen.addAll(fetched);
        }

        Judgement j = oracle.judge(call, expectation, returned.value(), observations, seen);
        Map<String, String> implementationDefined = new LinkedHashMap<>(j.answers());
        returned.notes().forEach((k, v) -> implementationDefined.put("note." + k, v));
        List<Finding> breaches =
                j.findings().stream().filter(f -> f.clause().equals(OBSERVABLE)).toList();
        if (!breaches.isEmpty()) {
            // The implementation did not show what the kit asked to see: not a conformance
            // question, a broken protocol.
            return new Step(
                    call,
                    Verdict.ERROR,
                    List.of(OBSERVABLE),
                    "protocol: the observations do not answer what was asked\n"
                            + describe(call, returned, j),
                    expectation,
                    r,
                    j,
                    implementationDefined);
        }
        if (j.conforms() && j.needsUnobservable()) {
            return new Step(
                    call,
                    Verdict.UNSUPPORTED,
                    List.of(),
                    "the verdict needs a page protection this adapter cannot observe: "
                            + caps.missing().get(Capability.PROTECTION_OBSERVATION),
                    expectation,
                    r,
                    j,
                    implementationDefined);
        }
        if (j.conforms()) {
            oracle.commit(call, j);
            return new Step(
                    call, Verdict.PASS, j.clauses(), "", expectation, r, j, implementationDefined);
        }
        return new Step(
                call,
                Verdict.FAIL,
                j.clauses(),
                describe(call, returned, j),
                expectation,
                r,
                j,
                implementationDefined);
    }

    private static final String OBSERVABLE = "kit.observable";

    private Step observe(Observe op) throws SutFailure {
        oracle.observe(op); // an ill-formed observation is the scenario's error, found before the
        // implementation is asked
        Result got = sut.apply(op);
        if (got instanceof Result.Unsupported u)
            return Step.simple(op, Verdict.UNSUPPORTED, u.reason(), got);
        // The oracle compares with the judge's own readability rules, and names the clause each
        // difference breaks.
        List<Finding> findings = oracle.checkObservation(op, got);
        if (findings.isEmpty()) return Step.simple(op, Verdict.PASS, "", got);
        Set<String> clauses = new LinkedHashSet<>();
        for (Finding f : findings) clauses.add(f.clause());
        StringBuilder message = new StringBuilder(violates(findings));
        for (Finding f : findings)
            message.append(f.clause()).append(": ").append(f.message()).append('\n');
        message.append("observation: ").append(op.describe());
        Verdict v = clauses.contains(OBSERVABLE) ? Verdict.ERROR : Verdict.FAIL;
        return new Step(
                op,
                v,
                List.copyOf(clauses),
                (v == Verdict.ERROR ? "protocol: " : "") + message,
                null,
                got,
                null,
                Map.of(),
                findings);
    }

    private Step record(Step step) {
        steps.add(step);
        worst = worst.worst(step.verdict());
        if (step.verdict() != Verdict.PASS) stopper = step;
        return step;
    }

    private String failure(SutFailure f) {
        String diagnostics = sut.drainDiagnostics();
        return "implementation "
                + f.kind().name().toLowerCase().replace('_', ' ')
                + ": "
                + f.getMessage()
                + (diagnostics.isBlank() ? "" : "\nits diagnostics:\n" + diagnostics.strip());
    }

    /**
     * "violates inv.no-write-outside, copyout.succ" and a newline: the first line of every FAIL
     * message.
     */
    static String violates(List<Finding> findings) {
        Set<String> named = new LinkedHashSet<>();
        for (Finding f : findings) named.addAll(f.breaks());
        return "violates " + String.join(", ", named) + "\n";
    }

    private static String describe(Call call, Result.Returned returned, Judgement j) {
        StringBuilder sb = new StringBuilder(j.findings().isEmpty() ? "" : violates(j.findings()));
        for (Finding f : j.findings())
            sb.append(f.clause()).append(": ").append(f.message()).append('\n');
        sb.append("call: ").append(call.describe()).append(" returned ").append(returned.value());
        return sb.toString();
    }

    /** The operations run so far with their verdicts, one line each (for reports and logs). */
    public List<String> log() {
        List<String> lines = new ArrayList<>(steps.size());
        for (Step s : steps) {
            String what = s.op() == null ? "reset" : s.op().describe();
            String ret = s.result() instanceof Result.Returned r ? " -> " + r.value() : "";
            lines.add(
                    s.verdict().label()
                            + "  "
                            + what
                            + ret
                            + (s.clauses().isEmpty() ? "" : "  " + s.clauses()));
        }
        return lines;
    }

    /** Does not close the implementation: it is reused for the next scenario. */
    @Override
    public void close() {}
}
