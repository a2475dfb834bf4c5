package xmemck.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonGenerator;
import xmemck.oracle.Verdict;

/**
 * The one configuration of the kit's files: how they look, how strictly they are read, and what
 * errors say.
 */
class KitJsonTest {

    record Scenario(
            String id,
            @JsonProperty(required = true) int line,
            List<String> clauses,
            @JsonSetter(nulls = Nulls.SET) String note) {}

    record File(Kit kit, Adapter adapter, VerdictCounts totals, List<Scenario> scenarios) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Partial(Kit kit) {}

    static final File FILE =
            new File(
                    new Kit("0.1.0"),
                    new Adapter(
                            "acme",
                            "acme 1/2",
                            List.of("COPYOUT"),
                            Map.of("ADI", "no </script> here")),
                    VerdictCounts.of(v -> v.ordinal()),
                    List.of(new Scenario("a", 3, List.of(), null)));

    static final String TEXT =
            """
            {
              "kit": {
                "version": "0.1.0"
              },
              "adapter": {
                "id": "acme",
                "name": "acme 1/2",
                "capabilities": [
                  "COPYOUT"
                ],
                "missing": {
                  "ADI": "no </script> here"
                }
              },
              "totals": {
                "PASS": 0,
                "OUTSIDE_CONTRACT": 1,
                "UNSUPPORTED": 2,
                "FAIL": 3,
                "ERROR": 4
              },
              "scenarios": [
                {
                  "id": "a",
                  "line": 3,
                  "clauses": [],
                  "note": null
                }
              ]
            }""";

    @Test
    void filesAreIndentedByTwoSpacesOneElementALineInDeclarationOrder() {
        assertEquals(TEXT, KitJson.write(FILE));
        assertEquals(FILE, JsonFile.of(TEXT, "f.json").read(File.class));
    }

    @Test
    void streamingWritesTheSameText() throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = KitJson.generator(out)) {
            g.writeStartObject();
            g.writeName("kit");
            g.writePOJO(FILE.kit());
            g.writeName("adapter");
            g.writePOJO(FILE.adapter());
            g.writeName("totals");
            g.writePOJO(FILE.totals());
            g.writeArrayPropertyStart("scenarios");
            for (Scenario s : FILE.scenarios()) g.writePOJO(s);
            g.writeEndArray();
            g.writeEndObject();
        }
        assertEquals(TEXT, out.toString());
    }

    @Test
    void verdictCountsFollowTheVerdicts() {
        Map<String, Object> counts =
                cast(KitJson.parse(KitJson.write(VerdictCounts.of(v -> 0)), "c"));
        assertEquals(
                Arrays.stream(Verdict.values()).map(Verdict::name).toList(),
                List.copyOf(counts.keySet()));
        VerdictCounts c = VerdictCounts.of(v -> v.ordinal() + 10);
        for (Verdict v : Verdict.values()) assertEquals(v.ordinal() + 10, c.get(v));
    }

    static String problem(String text, Class<?> type) {
        return assertThrows(FileFormatException.class, () -> JsonFile.of(text, "f.json").read(type))
                .getMessage();
    }

    @Test
    void malformedJsonIsNamedWithFileAndLine() {
        assertTrue(
                problem("{\n  \"kit\": {\n    \"version\" \"x\"\n  }\n}", File.class)
                        .startsWith("f.json:3: not JSON: "));
        assertTrue(problem("{\n\"kit\": ", File.class).startsWith("f.json:2: not JSON: "));
        assertEquals(
                "f.json:1: not JSON: Duplicate Object property \"kit\"",
                problem("{\"kit\": {\"version\": \"x\"}, \"kit\": {}}", File.class));
        assertEquals(
                "f.json:1: unexpected text after the JSON value", problem("{} {}", Object.class));
        assertEquals("f.json: empty: no JSON value", problem(" \n", File.class));
        assertEquals(
                "f.json:1: the document must be an object, found null",
                problem("null", File.class));
    }

    @Test
    void wrongContentIsNamedWithItsPathAndLine() {
        String text = TEXT.replace("\"line\": 3", "\"line\": \"3\"");
        assertEquals(
                "f.json:25: scenarios[0].line must be a whole number, found a string",
                problem(text, File.class));
        assertEquals(
                "f.json:25: scenarios[0].line must be a whole number, found 3.5",
                problem(TEXT.replace("\"line\": 3", "\"line\": 3.5"), File.class));
        assertEquals(
                "f.json:3: kit.version must be a string, found 7",
                problem(TEXT.replace("\"0.1.0\"", "7"), File.class));
        // absent: the line of the object that lacks it
        assertEquals(
                "f.json:2: kit.version is missing",
                problem(TEXT.replace("\"version\": \"0.1.0\"", ""), File.class));
        assertEquals(
                "f.json:15: totals.FAIL is missing",
                problem(TEXT.replace("\"FAIL\": 3,", ""), File.class));
        assertEquals(
                "f.json:23: scenarios[0].line is missing",
                problem(TEXT.replace("\"line\": 3,", ""), File.class));
        assertEquals(
                "f.json:23: scenarios[0].id is missing",
                problem(TEXT.replace("\"id\": \"a\",", ""), File.class));
        assertEquals(
                "f.json:24: scenarios[0].id must not be null",
                problem(TEXT.replace("\"id\": \"a\"", "\"id\": null"), File.class));
        assertEquals(
                "f.json:12: adapter.missing[\"ADI\"] must be a string, found 3",
                problem(TEXT.replace("\"no </script> here\"", "3"), File.class));
        assertTrue(
                problem(
                                TEXT.replace(
                                        "\"id\": \"acme\"",
                                        "\"id\": \"acme\", \"colour\": \"red\""),
                                File.class)
                        .startsWith(
                                "f.json:6: adapter.colour is not a member of this format (its members: "));
        assertEquals(
                "f.json:1: the document must be an object, found a list",
                problem("[]", File.class));
    }

    @Test
    void aPartialViewIgnoresTheRest() {
        assertEquals(new Partial(new Kit("0.1.0")), JsonFile.of(TEXT, "f").read(Partial.class));
    }

    @Test
    void hugeOrDeeplyNestedInputIsACleanMessage() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String m = problem(deep, Object.class);
        assertTrue(
                m.startsWith(
                        "f.json:1: beyond the limits of the kit's files: Document nesting depth (65) exceeds the maximum allowed (64)"),
                m);
        String big = "{\"n\": 1" + "0".repeat(1000) + "}";
        assertTrue(
                problem(big, Object.class)
                        .startsWith(
                                "f.json:1: beyond the limits of the kit's files: Number value length"),
                problem(big, Object.class));
        assertTrue(
                problem("{\"version\": 99999999999999999999}", Scenario.class)
                        .startsWith("f.json:1: "));
    }

    @Test
    void filesOnDiskAreStreamedAndLocatedToo(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("f.json");
        Files.writeString(p, TEXT.replace("\"line\": 3", "\"line\": true"));
        FileFormatException e =
                assertThrows(FileFormatException.class, () -> JsonFile.of(p).read(File.class));
        assertEquals(
                p + ":25: scenarios[0].line must be a whole number, found true", e.getMessage());
        assertEquals(25, e.line());
        assertEquals(p.toString(), e.file());
        assertTrue(
                assertThrows(
                                FileFormatException.class,
                                () -> JsonFile.of(dir.resolve("none.json")).read(File.class))
                        .getMessage()
                        .startsWith(dir.resolve("none.json") + ": cannot read: "));
    }

    @Test
    void linesOfValuesAndOfTheirHolders() {
        JsonFile f = JsonFile.of(TEXT, "f");
        assertEquals(1, f.line(JsonFile.at()));
        assertEquals(15, f.line(JsonFile.at("totals")));
        assertEquals(19, f.line(JsonFile.at("totals", "FAIL")));
        assertEquals(23, f.line(JsonFile.at("scenarios", 0)));
        assertEquals(23, f.line(JsonFile.at("scenarios", 0, "absent")));
        assertEquals(22, f.line(JsonFile.at("scenarios", 1)));
        assertEquals(12, f.line(JsonFile.at("adapter", "missing", "ADI")));
    }

    @Test
    void otherToolsJsonReadsAsPlainValues() {
        Object v = KitJson.parse("{\"a\": [1, 2.5, null, true, \"s\"], \"b\": {}}", "x");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", Arrays.asList(1L, 2.5, null, true, "s"));
        expected.put("b", Map.of());
        assertEquals(expected, v);
        assertEquals(List.of(1L), KitJson.parseFirst("[1];\n</script> and more", "x"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
