package xmemck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ck explain FILE}: the specification oracle for a person. The file holds a world and calls,
 * as a small Gherkin scenario in the features' vocabulary or as operations in JSON (the wire form
 * of sut-adapters/PROTOCOL.md: a list of ops, an object with "ops", as the fuzzer's
 * regressions/*.json, or one op); for every call the allowed outcomes are printed in plain words,
 * with the clause ids that decide them.
 */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        versionProvider = Ck.Version.class,
        description = {
            "Print what the documentation allows for each call of a small scenario.",
            "For each call: the return values and memory effects it allows, the clauses that decide them, and what it leaves to",
            "the implementation. Nothing is run against an implementation."
        },
        footer = {
            "",
            "Examples:",
            "  ck explain question.feature           Gherkin: a Feature file, or just Given/When lines",
            "  ck explain ops.json                   JSON: [{\"op\":\"create_process\",\"name\":\"p1\"}, ...] or {\"ops\":[...]}",
            "  ck explain reports/regressions/fuzz-linux-1-0.json   a fuzzer's counterexample",
            "  printf 'Given a user process p1\\nAnd a kernel buffer k of 1 page\\nAnd a user buffer u of 1 page in process p1\\n"
                    + "When process p1 calls copyout(k+0, u+4090, 16)\\n' | ck explain -"
        })
final class ExplainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "a .feature (or Gherkin steps) or a .json file; - reads standard input")
    String file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text;
        try {
            text =
                    file.equals("-")
                            ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                            : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("ck explain: cannot read " + file + ": " + e.getMessage());
            return Ck.USAGE;
        }
        String name = file.equals("-") ? "standard input" : file;
        if (text.isBlank()) {
            err.println(
                    "ck explain: " + name + " is empty: give a scenario or operations to explain");
            return Ck.USAGE;
        }
        try {
            boolean ok = true;
            if (isJson(text)) {
                ok = print(out, Explanation.of(name, OpsJson.read(text, name)));
            } else {
                List<FeatureOps.ScenarioOps> scenarios = FeatureOps.read(text, name);
                if (scenarios.isEmpty()) {
                    err.println("ck explain: " + name + " holds no scenario");
                    return Ck.USAGE;
                }
                for (FeatureOps.ScenarioOps s : scenarios) {
                    String title =
                            name
                                    + (s.line() > 0 ? ":" + s.line() : "")
                                    + (s.name().equals(name) ? "" : " (" + s.name() + ")");
                    ok &= print(out, Explanation.of(title, s.ops()));
                    if (!s.note().isBlank()) {
                        out.println("Note: running this scenario, the kit said:");
                        s.note().lines().forEach(l -> out.println("  " + l));
                    }
                }
            }
            return ok ? Ck.OK : Ck.USAGE;
        } catch (CliProblem p) {
            for (String line : p.getMessage().split("\n")) err.println("ck explain: " + line);
            return p.status();
        }
    }

    private static boolean print(PrintWriter out, Explanation.Text t) {
        out.print(t.text());
        out.println();
        return t.wellFormed();
    }

    static boolean isJson(String text) {
        String t = text.stripLeading();
        return t.startsWith("[") || t.startsWith("{");
    }
}
