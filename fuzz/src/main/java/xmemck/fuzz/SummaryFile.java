package xmemck.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import xmemck.spi.wire.Json;

/**
 * {@code fuzz/summary.json} in the report directory:
 * {@code {"adapter","seed","cases","seconds","casesPerSecond","failures":[{"clause","feature",...}],...}}. The
 * first six members are the contract the reports and CI read; the rest (the failure's verdict, signature, case
 * and JSON file; the clauses reached; how cases ended) are extra facts.
 */
public final class SummaryFile {
    private SummaryFile() {}

    /** Where the summary goes, relative to the report directory. */
    public static final String PATH = "fuzz/summary.json";

    public static Json.Obj json(FuzzRun.Summary s) {
        List<Json> failures = new ArrayList<>();
        for (Failure f : s.failures()) {
            failures.add(Json.object()
                    .put("clause", f.clause())
                    .put("feature", f.feature() == null ? Json.NULL : Json.str(f.feature()))
                    .put("verdict", f.verdict())
                    .put("signature", f.signature())
                    .put("case", f.caseIndex())
                    .put("operations", f.ops().size())
                    .put("json", f.json() == null ? Json.NULL : Json.str(f.json()))
                    .put("reproduced", f.reproduced())
                    .build());
        }
        List<Json> clauses = new ArrayList<>();
        for (String c : s.clausesReached()) clauses.add(Json.str(c));
        Json.ObjBuilder endings = Json.object();
        new TreeMap<>(s.caseEndings()).forEach(endings::put);
        return Json.object()
                .put("adapter", s.adapter())
                .put("seed", s.seed())
                .put("cases", s.cases())
                .put("seconds", decimal(s.seconds()))
                .put("casesPerSecond", decimal(s.casesPerSecond()))
                .put("failures", new Json.Arr(failures))
                .put("clausesReached", new Json.Arr(clauses))
                .put("caseEndings", endings.build())
                .put("invalidCases", s.invalidCases())
                .put("generatorErrors", s.generatorErrors())
                .build();
    }

    private static Json decimal(double v) {
        return new Json.Num(String.format(Locale.ROOT, "%.3f", v));
    }
}
