package xmemck.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Allure reports for each scenario, read from the result files allure-cucumber7-jvm wrote
 * ({@code allure-results/*-result.json}, the input of the Allure report): the test's name, its
 * status and the message of its status details.
 */
final class AllureStatuses {
    private AllureStatuses() {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<ReportAudit.Shown> read(Path resultsDir) throws IOException {
        List<ReportAudit.Shown> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(resultsDir)) {
            files =
                    s.filter(p -> p.getFileName().toString().endsWith("-result.json"))
                            .sorted()
                            .toList();
        }
        for (Path f : files) {
            JsonNode r;
            try {
                r = JSON.readTree(Files.readString(f));
            } catch (RuntimeException x) {
                throw new IOException(f + ": not an Allure result: " + x.getMessage(), x);
            }
            out.add(
                    new ReportAudit.Shown(
                            r.path("name").asString(""),
                            r.path("status").asString(""),
                            r.path("statusDetails").path("message").asString("")));
        }
        return out;
    }
}
