package xmemck.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The catalogue is complete, well formed, and agrees with the code that decides each clause and
 * with the tests.
 */
class CatalogueTest {

    static final List<String> MINIMUM =
            List.of(
                    "xmemout.succ",
                    "xmemout.env.process",
                    "xmemout.env.interrupt",
                    "xmemout.cross-space",
                    "xmemout.fail.authority",
                    "xmemout.fail.range",
                    "xmemout.fail.segment-deleted",
                    "xmemout.fail.descriptor",
                    "xmemout.fail.paging-io",
                    "xmemout.fail.interrupt-not-resident",
                    "xmemout.process-not-resident",
                    "xmattach.succ",
                    "xmattach.fail.count",
                    "xmattach.fail.in-use",
                    "xmdetach.succ",
                    "xmdetach.fail.invalid",
                    "vm_mvc.zero",
                    "vm_mvc.protzero",
                    "vm_mvc.read",
                    "vm_mvc.write",
                    "vm_mvc.partial-page",
                    "vm_mvc.enoent",
                    "vm_mvc.einval.boundary",
                    "vm_mvc.einval.cmd",
                    "vm_mvc.env.process-only",
                    "vm_mvc.m2-pinned",
                    "copyout.succ",
                    "copyout.alignment",
                    "copyout.fail.paging-fault",
                    "copyout.fail.invalid-address",
                    "copyout.fail.user-block",
                    "copyout.fail.hardware",
                    "copyout.fail.adi",
                    "copyout.ioctl-efault",
                    "copyout.ctx.user-only",
                    "ddi_copyout.fkioctl",
                    "inv.no-write-outside",
                    "inv.source-unchanged",
                    "inv.no-foreign-data",
                    "inv.failure-effect");

    /** A string literal that looks like a clause id. */
    private static final Pattern ID =
            Pattern.compile(
                    "\"((?:xmemout|xmattach|xmdetach|vm_mvc|copyout|ddi_copyout|inv|kit)\\.[a-z0-9_.-]+)\"");

    @Test
    void every_minimum_id_is_in_the_catalogue() {
        List<String> missing = MINIMUM.stream().filter(id -> !Catalogue.contains(id)).toList();
        assertEquals(List.of(), missing);
    }

    @Test
    void
            every_clause_is_decided_in_exactly_one_place_in_the_oracle_code_and_every_id_there_is_catalogued()
                    throws IOException {
        Map<String, List<String>> uses = literals(Path.of("src/main/java/xmemck/oracle"));
        Set<String> uncatalogued = new TreeSet<>(uses.keySet());
        uncatalogued.removeIf(Catalogue::contains);
        assertEquals(
                Set.of(),
                uncatalogued,
                "ids used in the oracle code but missing from the catalogue");
        List<String> problems = new ArrayList<>();
        for (Clause c : Catalogue.all()) {
            List<String> where = uses.getOrDefault(c.id(), List.of());
            if (where.size() != 1)
                problems.add(c.id() + " appears " + where.size() + " times: " + where);
        }
        assertEquals(
                List.of(),
                problems,
                "each clause id must be named in exactly one place of the oracle code");
    }

    @Test
    void every_clause_has_an_example_test_naming_it() throws IOException {
        Map<String, List<String>> uses = literals(Path.of("src/test/java/xmemck/oracle"));
        List<String> untested =
                Catalogue.all().stream()
                        .map(Clause::id)
                        .filter(id -> !uses.containsKey(id))
                        .toList();
        assertEquals(List.of(), untested);
    }

    @Test
    void the_readme_says_where_every_clause_is_decided() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> missing = new ArrayList<>();
        for (Clause c : Catalogue.all()) {
            if (!readme.contains("`" + c.id() + "`")) missing.add(c.id());
        }
        assertEquals(List.of(), missing, "clauses the README does not map to code");
    }

    @Test
    void every_clause_is_well_formed_and_cites_a_section_a_reader_can_look_up() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (Clause c : Catalogue.all()) {
            String service = c.id().substring(0, c.id().indexOf('.'));
            if (!service.equals("inv") && !service.equals("kit"))
                assertEquals(service, c.service(), c.id() + ": service");
            assertTrue(
                    c.summary().endsWith("."),
                    c.id() + ": a summary is one sentence ending with a full stop");
            for (Clause.Citation s : c.sources()) {
                // The kit's own decisions point at a heading of oracle/README.md that exists.
                if (s.page().isKit())
                    assertTrue(
                            readme.contains("\n### " + s.section() + "\n")
                                    || readme.contains("\n## " + s.section() + "\n"),
                            c.id() + ": no heading \"" + s.section() + "\" in README.md");
            }
            boolean documented = c.sources().stream().anyMatch(s -> !s.page().isKit());
            assertTrue(
                    documented || c.id().startsWith("kit.") || c.id().startsWith("inv."),
                    c.id() + ": a service clause must cite a manual page");
        }
        Clause range = Catalogue.require("xmemout.fail.range");
        assertEquals(
                List.of("xmemout#Return Values", "xmemout.fr#Valeurs renvoyées"),
                range.sources().stream().map(Clause.Citation::key).toList());
        assertTrue(range.sources().getFirst().page().address().startsWith("https://"));
        assertEquals(ClauseKind.CALLER_OBLIGATION, Catalogue.require("vm_mvc.m2-pinned").kind());
        assertEquals(
                ClauseKind.IMPLEMENTATION_DEFINED,
                Catalogue.require("xmemout.hardware-error").kind());
    }

    @Test
    void no_catalogue_text_names_a_file_outside_the_repository() {
        for (String text : List.of(Catalogue.tsv())) {
            assertTrue(
                    !Pattern.compile("[0-9]{3}_[0-9a-f]{16}\\.txt|\\.\\./shared|seeds/")
                            .matcher(text)
                            .find(),
                    "the catalogue cites pages by name and section only");
        }
        for (Clause.Page p : Catalogue.pages()) {
            assertTrue(
                    p.isKit() || p.address().isEmpty() || p.address().startsWith("https://"),
                    p.key() + ": a public address");
        }
    }

    @Test
    void the_machine_readable_form_is_the_same_data() {
        assertEquals(
                Catalogue.all(), List.copyOf(Catalogue.parse(Catalogue.tsv(), pageMap()).values()));
        assertTrue(Catalogue.tsv().contains("\nid\tservice\tkind\tsources\tsummary\n"));
    }

    @Test
    void a_malformed_catalogue_line_is_reported_with_its_line_number() {
        String header = "id\tservice\tkind\tsources\tsummary\n";
        Map<String, Clause.Page> pages = pageMap();
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> Catalogue.parse(header + "a.b\tx\tNOPE\tkit#Counts\tS.\n", pages));
        assertTrue(
                e.getMessage().startsWith(Catalogue.RESOURCE + " line 2: unknown kind \"NOPE\""),
                e.getMessage());
        assertTrue(
                assertThrows(
                                IllegalStateException.class,
                                () -> Catalogue.parse(header + "a.b\tx\n", pages))
                        .getMessage()
                        .contains("line 2: expected 5 tab-separated fields, found 2"));
        assertTrue(
                assertThrows(
                                IllegalStateException.class,
                                () ->
                                        Catalogue.parse(
                                                header
                                                        + "a.b\tx\tINVARIANT\tkit#Counts\tS.\na.b\tx\tINVARIANT\tkit#Counts\tS.\n",
                                                pages))
                        .getMessage()
                        .contains("line 3: duplicate clause id a.b"));
        assertTrue(
                assertThrows(
                                IllegalStateException.class,
                                () ->
                                        Catalogue.parse(
                                                header + "a.b\tx\tINVARIANT\tnowhere#X\tS.\n",
                                                pages))
                        .getMessage()
                        .contains("line 2: source \"nowhere#X\" must be a page key"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> Catalogue.require("no.such"))
                        .getMessage()
                        .contains("unknown clause id \"no.such\""));
    }

    private static Map<String, Clause.Page> pageMap() {
        Map<String, Clause.Page> m = new java.util.LinkedHashMap<>();
        for (Clause.Page p : Catalogue.pages()) m.put(p.key(), p);
        return m;
    }

    /**
     * Clause-id-shaped string literals under {@code dir}, each with the places it occurs
     * (file:line).
     */
    static Map<String, List<String>> literals(Path dir) throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = ID.matcher(lines.get(i));
                    while (m.find())
                        out.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                                .add(f.getFileName() + ":" + (i + 1));
                }
            }
        }
        return out;
    }
}
