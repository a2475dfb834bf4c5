package xmemck.report;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Clause;
import xmemck.oracle.ClauseKind;
import xmemck.oracle.Verdict;
import xmemck.records.AdapterInfo;
import xmemck.records.RunReport;

/** Small, fixed inputs for the rendering tests: a three-service catalogue and scenario results. */
final class Fixtures {
    private Fixtures() {}

    /** A name with every character HTML treats specially. */
    static final String NASTY = "copy <script>alert('x')</script> & \"quoted\" 'single'";

    private static final Clause.Page XMEMOUT =
            new Clause.Page(
                    "xmemout",
                    "xmemout (AIX)",
                    "xmemout Kernel Service",
                    "https://example.org/xmemout");
    private static final Clause.Page XMEMOUT_FR =
            new Clause.Page(
                    "xmemout.fr",
                    "xmemout (AIX, French)",
                    "Service du noyau xmemout",
                    "https://example.org/fr/xmemout");
    private static final Clause.Page VM_MVC =
            new Clause.Page(
                    "vm_mvc.de",
                    "vm_mvc (AIX, German)",
                    "vm_mvc Kernel-Service",
                    "https://example.org/de/vm_mvc");
    private static final Clause.Page COPYOUT =
            new Clause.Page(
                    "copyout", "copyout(9F)", "copyout(9F)", "https://example.org/copyout-9f");

    static final List<Clause> CATALOGUE =
            List.of(
                    new Clause(
                            "xmemout.succ",
                            "xmemout",
                            ClauseKind.RETURN_VALUE,
                            List.of(new Clause.Citation(XMEMOUT, "Return Values")),
                            "xmemout returns XMEM_SUCC"),
                    new Clause(
                            "xmemout.fail.range",
                            "xmemout",
                            ClauseKind.ERROR_CONDITION,
                            List.of(
                                    new Clause.Citation(XMEMOUT, "Return Values"),
                                    new Clause.Citation(XMEMOUT_FR, "Valeurs renvoyées")),
                            "an invalid range fails"),
                    new Clause(
                            "vm_mvc.enoent",
                            "vm_mvc",
                            ClauseKind.ERROR_CONDITION,
                            List.of(new Clause.Citation(VM_MVC, "Rückgabewerte")),
                            "no real frame gives ENOENT"),
                    new Clause(
                            "copyout.succ",
                            "copyout",
                            ClauseKind.RETURN_VALUE,
                            List.of(new Clause.Citation(COPYOUT, "RETURN VALUES")),
                            "copyout returns 0"),
                    new Clause(
                            "copyout.fail.adi",
                            "copyout",
                            ClauseKind.ERROR_CONDITION,
                            List.of(new Clause.Citation(COPYOUT, "RETURN VALUES")),
                            "ADI mismatch fails"));

    static ScenarioResult scenario(String name, Verdict v, String... clauses) {
        return scenario(name, v, Map.of(), clauses);
    }

    static ScenarioResult scenario(
            String name, Verdict v, Map<String, String> implementationDefined, String... clauses) {
        String reason =
                switch (v) {
                    case PASS -> "";
                    case FAIL ->
                            "inv.no-write-outside: dst+4096 (guard page) expected 0x5a found 0x00";
                    case ERROR -> "CRASH: implementation exited with status 139";
                    case UNSUPPORTED -> "UNSUPPORTED: ADI version tags: not on this hardware";
                    case OUTSIDE_CONTRACT ->
                            "OUTSIDE-CONTRACT: copyout.ctx.user-only: called at interrupt level";
                };
        // A FAIL rests on findings: here one naming the scenario's first clause (its other tags are
        // not decided by it).
        List<xmemck.oracle.Finding> findings =
                v == Verdict.FAIL && clauses.length > 0
                        ? List.of(
                                new xmemck.oracle.Finding(
                                        clauses[0],
                                        xmemck.oracle.Finding.Kind.WRITE_OUTSIDE,
                                        reason))
                        : List.of();
        return new ScenarioResult(
                "id-" + name.hashCode(),
                name,
                "file:///somewhere/features/copyout/copyout.feature",
                12,
                Arrays.asList(clauses),
                v,
                reason,
                0.002,
                List.of("Call copyout -> 0 PASS"),
                implementationDefined,
                findings,
                List.of());
    }

    static final AdapterInfo ADAPTER =
            new AdapterInfo(
                    "reference",
                    "xmemck reference",
                    List.of("COPYOUT", "VM_MVC"),
                    Map.of("ADI", "not on this hardware"));

    static RunReport run(ScenarioResult... rs) {
        return new RunReport("0.1.0", ADAPTER, "2025-01-01T00:00:00Z", 2.0, List.of(rs));
    }

    /** A run with one scenario of each verdict, over several clauses. */
    static RunReport mixedRun() {
        return run(
                scenario("xmemout copies 8 bytes", Verdict.PASS, "xmemout.succ"),
                scenario("xmemout into a hole", Verdict.FAIL, "xmemout.fail.range"),
                scenario("xmemout range again", Verdict.PASS, "xmemout.fail.range"),
                scenario(NASTY, Verdict.UNSUPPORTED, "copyout.fail.adi"),
                scenario("copyout at interrupt level", Verdict.OUTSIDE_CONTRACT, "copyout.succ"),
                scenario("copyout crashes", Verdict.ERROR, "copyout.succ", "inv.no-write-outside"));
    }
}
