package xmemck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xmemck.files.Adapter;
import xmemck.files.Kit;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;

/**
 * fuzz/summary.json: the conventions of the run's summary.json (kit, adapter, durations, verdicts),
 * written by Jackson.
 */
class SummaryFileTest {

    static FuzzRun.Summary summary() {
        Failure f =
                new Failure(
                        "FAIL copyout copyout.fail.adi",
                        "FAIL",
                        "copyout.fail.adi",
                        7,
                        41,
                        12,
                        List.of(),
                        "m",
                        "regressions/fuzz-acme-7-1.feature",
                        "regressions/fuzz-acme-7-1.json",
                        true,
                        List.of("inv.no-write-outside"),
                        42,
                        1.23456);
        return new FuzzRun.Summary(
                "acme",
                7,
                100,
                2.34567,
                List.of(f),
                List.of("copyout.succ"),
                Map.of("PASS", 90L, "OUTSIDE-CONTRACT", 9L, "FAIL", 1L),
                0,
                0,
                null,
                List.of(),
                List.of());
    }

    @Test
    void theSummaryIsWrittenInTheKitsOneStyle() {
        String text =
                SummaryFile.json(
                        summary(),
                        Adapter.of(
                                "acme",
                                "acme 1.0",
                                Capabilities.allBut(Map.of(Capability.ADI, "no SPARC"))));
        assertTrue(
                text.startsWith(
                        "{\n  \"kit\": {\n    \"version\": \""
                                + Kit.current().version()
                                + "\"\n  },\n  \"adapter\": {\n    \"id\": \"acme\",\n"
                                + "    \"name\": \"acme 1.0\",\n    \"capabilities\": [\n"),
                text);
        assertTrue(
                text.contains(
                        "\n    \"missing\": {\n      \"ADI\": \"no SPARC\"\n    }\n  },\n  \"seed\": 7,\n  \"cases\": 100,\n"),
                text);
        assertTrue(
                text.contains(
                        "\n  \"durationSeconds\": 2.346,\n  \"casesPerSecond\": 42.632,\n  \"passed\": false,\n"),
                text);
        assertTrue(text.contains("\n      \"verdict\": \"FAIL\",\n"), text);
        // When the failure was first seen: after how many cases and how many seconds (three
        // decimals, as every duration).
        assertTrue(
                text.contains(
                        "\n      \"case\": 41,\n      \"firstSeenCases\": 42,\n      \"firstSeenSeconds\": 1.235,\n"
                                + "      \"operations\": 0,\n"),
                text);
        assertTrue(
                text.contains(
                        "\n      \"reproduced\": true,\n      \"alsoBreaks\": [\n        \"inv.no-write-outside\"\n      ]\n"),
                text);
        assertTrue(
                text.contains(
                        "\n  \"caseEndings\": {\n    \"PASS\": 90,\n    \"OUTSIDE_CONTRACT\": 9,\n    \"UNSUPPORTED\": 0,\n"
                                + "    \"FAIL\": 1,\n    \"ERROR\": 0\n  },\n"),
                text);
        assertTrue(text.endsWith("\n  \"generatorErrors\": 0\n}"), text);
        assertTrue(
                text.contains(
                        "\n  \"knownClauses\": [],\n  \"knownFindings\": [],\n  \"clausesReached\": ["),
                text);
    }

    @Test
    void knownFindingsAreListedWithTheirCountAndExample() {
        FuzzRun.Summary s = summary();
        var op = new xmemck.ops.Setup.CreateProcess("p1");
        KnownFinding k =
                new KnownFinding(
                        "xmemout.fail.segment-deleted",
                        "FAIL xmemout xmemout.fail.segment-deleted",
                        37,
                        4,
                        5,
                        0.5004,
                        List.of(op));
        FuzzRun.Summary withKnown =
                new FuzzRun.Summary(
                        s.adapter(),
                        s.seed(),
                        s.cases(),
                        s.seconds(),
                        List.of(),
                        s.clausesReached(),
                        s.caseEndings(),
                        0,
                        0,
                        null,
                        List.of(k),
                        List.of("xmemout.fail.segment-deleted"));
        assertTrue(withKnown.passed());
        String text = SummaryFile.json(withKnown);
        assertTrue(
                text.contains(
                        "\n  \"passed\": true,\n  \"failures\": [],\n  \"knownClauses\": [\n    \"xmemout.fail.segment-deleted\"\n  ],\n"
                                + "  \"knownFindings\": [\n    {\n      \"clause\": \"xmemout.fail.segment-deleted\",\n      \"signature\": \"FAIL xmemout xmemout.fail.segment-deleted\",\n"
                                + "      \"count\": 37,\n      \"case\": 4,\n      \"firstSeenCases\": 5,\n      \"firstSeenSeconds\": 0.5,\n      \"operations\": 1,\n"
                                + "      \"example\": [\n        \""
                                + SummaryFile.steps(List.of(op)).getFirst()
                                + "\"\n      ]\n    }\n  ],\n"),
                text);
    }

    @Test
    void withoutTheOpenAdapterItIsDescribedByItsId() {
        assertTrue(
                SummaryFile.json(summary())
                        .contains(
                                "\"adapter\": {\n    \"id\": \"acme\",\n    \"name\": \"acme\",\n    \"capabilities\": [],\n"
                                        + "    \"missing\": {}\n  },"));
        assertEquals(
                SummaryFile.json(summary(), Adapter.known("acme")), SummaryFile.json(summary()));
    }
}
