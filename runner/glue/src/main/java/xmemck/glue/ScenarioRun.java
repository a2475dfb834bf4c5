package xmemck.glue;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opentest4j.TestAbortedException;
import xmemck.harness.ScenarioResult;
import xmemck.harness.Session;
import xmemck.harness.Step;
import xmemck.ops.Call;
import xmemck.ops.Op;
import xmemck.oracle.Alternative;
import xmemck.oracle.Catalogue;
import xmemck.oracle.Clause;
import xmemck.oracle.ClauseKind;
import xmemck.oracle.Expectation;
import xmemck.oracle.Verdict;

/**
 * The state of one scenario, shared by the step classes: Cucumber's object factory (picocontainer)
 * creates one per scenario and injects it into every step class of that scenario. It holds the
 * harness session every operation runs through, the last call (which the "Then" steps speak of) and
 * the outcome.
 *
 * <p>Operations run as soon as their step is read, in order. "Then" steps first compare the
 * feature's words with the oracle's expectation (a disagreement is a kit ERROR), then report the
 * session's verdict: FAIL as an {@link AssertionError}, ERROR as a {@link ScenarioError},
 * UNSUPPORTED and OUTSIDE-CONTRACT as a {@link TestAbortedException} (Cucumber, JUnit and Allure
 * show it as skipped, never as passed).
 */
public final class ScenarioRun {
    /**
     * The kit's own invariants (such as kit.observable) are checked on every judged call but named
     * by the oracle only when broken; a judged call counts as naming them.
     */
    private static final List<String> KIT_INVARIANTS =
            Catalogue.all().stream()
                    .filter(c -> c.kind() == ClauseKind.INVARIANT && c.service().equals("kit"))
                    .map(Clause::id)
                    .toList();

    /**
     * Explain mode ({@code -Dxmemck.explain=true}, set by {@code ck explain}): a question needs no
     * "Then" step, and each scenario's operations are attached for the explanation.
     */
    public static final String EXPLAIN = "xmemck.explain";

    private Session session;

    /**
     * The implementation this scenario borrowed from the run's pool; given back (or discarded) when
     * it ends.
     */
    private xmemck.spi.Sut sut;

    private Step lastCall;
    private Outcome outcome;
    private String location = "";
    private long started;
    private final List<String> notes = new ArrayList<>();

    /** The harness steps run so far (for explain mode's attachment of the operations). */
    public List<Step> steps() {
        return session == null ? List.of() : session.steps();
    }

    /** Open a fresh world. {@code location} ({@code features/x.feature:12}) prefixes kit errors. */
    public void start(String location) {
        this.location = location;
        this.started = System.nanoTime();
        try {
            sut = AdapterPool.run().borrow();
            session = new Session(sut);
        } catch (ScenarioError e) {
            throw fail(new Outcome(Verdict.ERROR, e.getMessage()));
        }
    }

    /** Run one operation now. */
    public Step apply(Op op) {
        Step step = session().run(op);
        if (op instanceof Call) lastCall = step;
        return step;
    }

    /** A "Then" step: check {@code claim} against the oracle, then report the verdict so far. */
    public void claim(Claim claim) {
        if (!(claim instanceof Claim.Conforms)) {
            if (lastCall == null) {
                throw fail(
                        new Outcome(
                                Verdict.ERROR,
                                location
                                        + ": kit: the feature states \""
                                        + claim.describe()
                                        + "\" before any call"));
            }
            if (lastCall.expectation() != null) {
                Call call = (Call) lastCall.op();
                Optional<String> disagreement =
                        ClaimCheck.check(claim, call, lastCall.expectation());
                if (disagreement.isPresent()) {
                    throw fail(
                            new Outcome(
                                    Verdict.ERROR,
                                    location
                                            + ": kit: the feature and the oracle disagree about "
                                            + call.describe()
                                            + "\n  the feature says: "
                                            + claim.describe()
                                            + "\n  the oracle says:  "
                                            + disagreement.get()));
                }
            }
        }
        raiseVerdict();
    }

    /** Throw what the session's verdict calls for; return quietly on PASS. */
    public void raiseVerdict() {
        Session s = session();
        if (s.verdict() == Verdict.PASS) return;
        Step stopper = s.stopper().orElseThrow();
        String what = stopper.op() == null ? "starting a fresh world" : stopper.op().describe();
        throw fail(
                switch (stopper.verdict()) {
                    case FAIL -> new Outcome(Verdict.FAIL, "FAIL " + stopper.message());
                    case ERROR -> new Outcome(Verdict.ERROR, what + ": " + stopper.message());
                    case UNSUPPORTED ->
                            new Outcome(Verdict.UNSUPPORTED, what + ": " + stopper.message());
                    case OUTSIDE_CONTRACT ->
                            new Outcome(Verdict.OUTSIDE_CONTRACT, stopper.message());
                    case PASS ->
                            throw new IllegalStateException("a passing step cannot stop a session");
                });
    }

    /**
     * Remember a problem found while reading a step's words (a bad argument), so the result can say
     * it.
     */
    public void note(String problem) {
        notes.add(problem);
    }

    /**
     * The scenario's result, given what Cucumber concluded ({@code status}: PASSED, FAILED,
     * SKIPPED, UNDEFINED, AMBIGUOUS, PENDING, UNUSED).
     */
    public ScenarioResult finish(
            String id, String name, String uri, int line, List<String> clauses, String status) {
        Outcome o = outcome;
        if (o == null) {
            boolean explaining = RunScope.current().flag(EXPLAIN);
            o =
                    switch (status) {
                        // A question asked of ck explain states no claim: its verdict is the
                        // session's.
                        case "PASSED" ->
                                session != null && session.verdict() != Verdict.PASS && explaining
                                        ? new Outcome(
                                                session.verdict(),
                                                session.stopper().map(Step::message).orElse(""))
                                        : session != null && session.verdict() != Verdict.PASS
                                                ? new Outcome(
                                                        Verdict.ERROR,
                                                        location
                                                                + ": kit: the scenario ended without a claim that reports its verdict "
                                                                + session.verdict().label()
                                                                + " (every call needs a Then step)")
                                                : Outcome.pass();
                        case "UNDEFINED" ->
                                new Outcome(
                                        Verdict.ERROR,
                                        location
                                                + ": kit: a step matches no step definition (run the feature lint for the line)");
                        case "AMBIGUOUS" ->
                                new Outcome(
                                        Verdict.ERROR,
                                        location
                                                + ": kit: a step matches more than one step definition");
                        default ->
                                new Outcome(
                                        Verdict.ERROR,
                                        location
                                                + ": a step ended "
                                                + status
                                                + (notes.isEmpty()
                                                        ? ""
                                                        : ": " + String.join("; ", notes)));
                    };
        }
        if (o.verdict() == Verdict.PASS || o.verdict() == Verdict.OUTSIDE_CONTRACT) {
            List<String> unnamed = new ArrayList<>(clauses);
            unnamed.removeAll(namedClauses());
            if (!unnamed.isEmpty()) {
                o =
                        new Outcome(
                                Verdict.ERROR,
                                location
                                        + ": kit: the scenario is tagged with "
                                        + unnamed
                                        + " but the oracle never named "
                                        + (unnamed.size() == 1 ? "that clause" : "those clauses")
                                        + " for its calls (it named "
                                        + namedClauses()
                                        + ")");
            }
        }
        if (sut != null && o.verdict() != Verdict.ERROR) {
            try {
                sut.endScenario(); // anything the implementation said after its last answer is
                // this scenario's ERROR
            } catch (xmemck.spi.SutFailure f) {
                o =
                        new Outcome(
                                Verdict.ERROR,
                                location
                                        + ": implementation "
                                        + f.kind().name().toLowerCase().replace('_', ' ')
                                        + " at the end of the scenario: "
                                        + f.getMessage()
                                        + (o.verdict() == Verdict.PASS
                                                ? ""
                                                : "\n(before that the scenario was "
                                                        + o.verdict().label()
                                                        + ": "
                                                        + o.reason()
                                                        + ")"));
            }
        }
        List<String> log = session == null ? new ArrayList<>() : new ArrayList<>(session.log());
        String diagnostics = sut == null ? "" : sut.drainDiagnostics();
        if (sut != null) {
            if (o.verdict() == Verdict.ERROR) AdapterPool.run().discard(sut);
            else AdapterPool.run().giveBack(sut);
            sut = null;
        }
        if (!diagnostics.isBlank()) log.add("implementation diagnostics:\n" + diagnostics.strip());
        Map<String, String> implementationDefined = new LinkedHashMap<>();
        if (session != null) {
            for (Step s : session.steps()) {
                String prefix = s.op() == null ? "" : s.op().describe() + ": ";
                s.implementationDefined()
                        .forEach((k, v) -> implementationDefined.put(prefix + k, v));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // Findings only where the verdict rests on them: a FAIL, or the protocol ERROR of
        // observations that did not answer.
        boolean judged =
                session != null && (o.verdict() == Verdict.FAIL || o.verdict() == Verdict.ERROR);
        return new ScenarioResult(
                id,
                name,
                uri,
                line,
                clauses,
                o.verdict(),
                o.reason(),
                seconds,
                log,
                implementationDefined,
                judged ? session.findings() : List.of(),
                o.verdict() == Verdict.FAIL && session != null ? session.pictures() : List.of());
    }

    /**
     * Every clause the oracle named for this scenario's calls: those of every allowed alternative
     * (an implementation may take any of them), those of the judgements, and broken caller
     * obligations.
     */
    public Set<String> namedClauses() {
        Set<String> named = new LinkedHashSet<>();
        if (session == null) return named;
        for (Step s : session.steps()) {
            named.addAll(s.clauses());
            if (s.judgement() != null) named.addAll(KIT_INVARIANTS);
            if (s.expectation() instanceof Expectation.Allowed a) {
                for (Alternative alt : a.alternatives()) named.addAll(alt.clauses());
            } else if (s.expectation() instanceof Expectation.OutsideContract oc) {
                named.add(oc.clause());
            }
        }
        return named;
    }

    /**
     * The exception a step throws for {@code o} (callers write {@code throw fail(o)}); remembers it
     * as the scenario's outcome. A FAIL is an {@link AssertionError}, which is not a
     * RuntimeException, so it is thrown right here.
     */
    private RuntimeException fail(Outcome o) {
        outcome = o;
        return switch (o.verdict()) {
            case FAIL -> throw new VerdictFailure(o.reason());
            case UNSUPPORTED -> new TestAbortedException("UNSUPPORTED: " + o.reason());
            case OUTSIDE_CONTRACT -> new TestAbortedException("OUTSIDE-CONTRACT: " + o.reason());
            case ERROR, PASS -> new ScenarioError(o.reason());
        };
    }

    private Session session() {
        if (session == null)
            throw new ScenarioError(
                    location + ": kit: the scenario has no session (the adapter did not open)");
        return session;
    }

    /**
     * {@code features/xmemout/succ.feature} rather than a machine's absolute path; from the
     * features jar ({@code classpath:features/xmemout/succ.feature}) the same id, so that reports
     * and expectations agree.
     */
    public static String relativeUri(URI uri) {
        String text = uri.toString();
        if ("classpath".equals(uri.getScheme()))
            return uri.getSchemeSpecificPart().replaceFirst("^/+", "");
        if (!"file".equals(uri.getScheme())) return text;
        Path path = Path.of(uri).normalize();
        String root = RunScope.current().property("xmemck.features", "").strip();
        if (!root.isEmpty()) {
            Path base = Path.of(root).toAbsolutePath().normalize();
            Path parent = base.getParent();
            if (path.startsWith(base))
                return (parent == null ? path : parent.relativize(path))
                        .toString()
                        .replace('\\', '/');
        }
        int at = text.lastIndexOf("/features/");
        return at >= 0 ? text.substring(at + 1) : path.getFileName().toString();
    }

    /**
     * A FAIL: an assertion error, as test tools expect, whose message names the clause and the
     * diff.
     */
    static final class VerdictFailure extends AssertionError {
        VerdictFailure(String message) {
            super(message);
        }
    }
}
