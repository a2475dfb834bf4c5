package xmemck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.ops.Fill;
import xmemck.ops.Observe;
import xmemck.ops.PageDigest;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.Capability;

/**
 * sut-adapters/PROTOCOL.md is documentation a newcomer codes against: its examples are checked
 * here.
 */
class ProtocolDocTest {
    static final Path DOC = Path.of("..", "PROTOCOL.md");

    private static String doc() throws Exception {
        return Files.readString(DOC);
    }

    /** The fenced block of the given language that contains {@code marker}. */
    private static String block(String text, String language, String marker) {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(text);
        while (m.find()) if (m.group(1).contains(marker)) return m.group(1);
        throw new AssertionError(
                "no ```" + language + " block containing " + marker + " in " + DOC);
    }

    @Test
    void theTranscriptIsWhatTheCExampleReallySays() throws Exception {
        String transcript = block(doc(), "text", "→ {\"type\":\"hello\"");
        List<String> sent = new ArrayList<>(), expected = new ArrayList<>();
        for (String line : transcript.split("\n")) {
            if (line.startsWith("→ ")) sent.add(line.substring(2));
            else if (line.startsWith("← ")) expected.add(line.substring(2));
        }
        assertTrue(
                sent.size() >= 10 && sent.size() == expected.size(),
                "one answer per request in the transcript");
        Process p = new ProcessBuilder(CExampleTest.BINARY).start();
        try (OutputStream in = p.getOutputStream()) {
            for (String s : sent) in.write((s + "\n").getBytes(StandardCharsets.UTF_8));
        }
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String want : expected) {
            String got = out.readLine();
            int cut = want.indexOf(" ...");
            if (cut >= 0)
                assertEquals(
                        want.substring(0, cut),
                        got.substring(0, cut),
                        "the shortened line's beginning");
            else assertEquals(want, got);
        }
        assertEquals(null, out.readLine(), "nothing more, and the C example exits on end of input");
        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
    }

    @Test
    void theFillTableMatchesTheKitsPattern() throws Exception {
        Matcher row = Pattern.compile("\\| (-?\\d+) \\| `([0-9a-f ]+)` \\|").matcher(doc());
        int rows = 0;
        while (row.find()) {
            long seed = Long.parseLong(row.group(1));
            String[] bytes = row.group(2).split(" ");
            for (int i = 0; i < bytes.length; i++) {
                assertEquals(
                        Integer.parseInt(bytes[i], 16),
                        Fill.byteAt(seed, i - 2) & 0xff,
                        "seed " + seed + " offset " + (i - 2));
            }
            rows++;
        }
        assertEquals(2, rows, "the Fill reference table");
    }

    @Test
    void theDigestCheckValuesAreTheKitsAndTheCExamplesDigests() throws Exception {
        String text = doc().replaceAll("\\s+", " ");
        long zero = digestIn(text, "a page of zeros gives `");
        long seed1 = digestIn(text, "the page at offsets 0..4095 of Fill seed 1 gives `");
        long seed2 =
                digestIn(
                        text,
                        "the page at offsets -4096..-1 of Fill seed 2 (a guard page) gives `");
        assertEquals(PageDigest.ZERO_PAGE, zero, "the zero page");
        assertEquals(PageDigest.of(fillPage(1, 0), 0), seed1, "Fill seed 1, offsets 0..4095");
        assertEquals(PageDigest.of(fillPage(2, -4096), 0), seed2, "Fill seed 2, offsets -4096..-1");
        try (ProcessSut c =
                ProcessSut.start(
                        List.of(CExampleTest.BINARY),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(2))) {
            c.reset();
            for (Setup op :
                    List.of(
                            new Setup.CreateProcess("p"),
                            new Setup.MapRegion("one", "p", 1, Prot.READ_WRITE, 1),
                            new Setup.MapRegion("two", "p", 1, Prot.READ_WRITE, 2),
                            new Setup.Unmap("two", 0, 1))) {
                assertEquals(new Result.Done(), c.apply(op), op.describe());
            }
            assertEquals(
                    new Result.Digest("one", 0, new long[] {seed1}, List.of()),
                    c.apply(new Observe.Digest("one", 0, 4096)));
            assertEquals(
                    new Result.Digest("two", -4096, new long[] {seed2, zero}, List.of(0L)),
                    c.apply(new Observe.Digest("two", -4096, 8192)));
        }
    }

    private static long digestIn(String text, String before) {
        int at = text.indexOf(before);
        assertTrue(at >= 0, "PROTOCOL.md says \"" + before + "\"");
        return Long.parseUnsignedLong(
                text.substring(at + before.length(), at + before.length() + 16), 16);
    }

    private static byte[] fillPage(long seed, long from) {
        byte[] page = new byte[4096];
        for (int i = 0; i < page.length; i++) page[i] = Fill.byteAt(seed, from + i);
        return page;
    }

    @Test
    void theLimitsTableStatesTheKitsLimits() throws Exception {
        String whole = doc();
        int start = whole.indexOf("### Limits");
        assertTrue(start >= 0, "PROTOCOL.md has a \"### Limits\" section");
        int end = whole.indexOf("\n## ", start);
        String limits = whole.substring(start, end < 0 ? whole.length() : end);
        java.util.function.LongFunction<String> n =
                v -> String.format(java.util.Locale.ROOT, "%,d", v);
        for (String row :
                List.of(
                        "| line length | " + n.apply(ChildProcess.MAX_LINE) + " bytes",
                        "| number length | "
                                + xmemck.wire.WireJson.MAX_NUMBER_LENGTH
                                + " characters",
                        "| nesting depth | " + xmemck.wire.WireJson.MAX_NESTING_DEPTH + " levels",
                        "| string length | "
                                + n.apply(xmemck.wire.WireJson.MAX_STRING_LENGTH)
                                + " characters",
                        "| tokens per message | "
                                + n.apply(xmemck.wire.WireJson.MAX_MESSAGE_TOKENS)
                                + " ",
                        "| time for one whole answer | "
                                + ProcessSut.DEADLINE_TIMEOUTS
                                + " × `timeoutMillis`, plus one `timeoutMillis` per MiB",
                        "| implementation name | "
                                + xmemck.wire.UntrustedText.MAX_NAME
                                + " characters | cut, with `"
                                + xmemck.wire.UntrustedText.cutMarker(0).replace("0", "N")
                                + "` appended",
                        "note values | "
                                + n.apply(xmemck.wire.UntrustedText.MAX_REASON)
                                + " characters (note names: "
                                + xmemck.wire.UntrustedText.MAX_NAME
                                + ")",
                        "| standard error kept per scenario | the last "
                                + n.apply(StderrBuffer.LIMIT)
                                + " characters",
                        "| failed starts in a row | " + ProcessSut.MAX_FAILED_STARTS + " |",
                        "| notes of one result | " + xmemck.wire.UntrustedText.MAX_NOTES + " |",
                        "| unknown capability names in the hello | "
                                + xmemck.wire.UntrustedText.MAX_WARNINGS
                                + " warnings |",
                        "SIGKILL " + ProcessTree.TERM_GRACE.toMillis() / 1000.0 + " s later")) {
            assertTrue(limits.contains(row), "the Limits table of PROTOCOL.md says: " + row);
        }
        assertTrue(
                whole.contains("`" + ProcessTree.MARK + "`"),
                "PROTOCOL.md names the environment variable that marks an implementation");
        assertEquals(ProcessSut.BYTES_PER_TIMEOUT, 1 << 20, "the table says one timeout per MiB");
        assertTrue(
                whole.contains(
                        "the kit writes " + ProcessSut.SCENARIOS_AHEAD + " cases in one write"),
                "PROTOCOL.md, Batching, says how many cases the fuzzer sends ahead");
    }

    @Test
    void theCExampleReadmeListsEveryFaultAsTheBinaryDoes() throws Exception {
        String whole = Files.readString(Path.of("..", "c-example", "README.md"));
        // Only the "Seeded faults" section: later sections (which faults the features caught) have
        // tables too.
        int start = whole.indexOf("## Seeded faults");
        assertTrue(start >= 0, "c-example/README.md has a \"## Seeded faults\" section");
        int end = whole.indexOf("\n## ", start + 1);
        String readme = whole.substring(start, end < 0 ? whole.length() : end);
        Matcher row =
                Pattern.compile("\\| `([a-z0-9_]+)` \\| `([a-z0-9_.-]+)` \\| (.+) \\|")
                        .matcher(readme);
        List<String> documented = new ArrayList<>();
        while (row.find()) documented.add(row.group(1) + "\t" + row.group(2) + "\t" + row.group(3));
        Process p = new ProcessBuilder(CExampleTest.BINARY, "--list-faults").start();
        List<String> listed =
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .toList();
        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
        assertEquals(
                listed, documented, "the table in c-example/README.md must match --list-faults");
    }

    @Test
    void theJavaSpiExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/com/example/xmem/EmulatorProvider.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, block(doc(), "java", "implements SutProvider"));
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        Path out = Files.createDirectories(dir.resolve("classes"));
        int rc =
                javac.run(
                        null,
                        null,
                        null,
                        "-d",
                        out.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        src.toString());
        assertEquals(0, rc, "the example in PROTOCOL.md must compile");
        try (var loader =
                new java.net.URLClassLoader(
                        new java.net.URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            var provider =
                    (xmemck.spi.SutProvider)
                            loader.loadClass("com.example.xmem.EmulatorProvider")
                                    .getConstructor()
                                    .newInstance();
            assertEquals("my-emulator", provider.id());
            try (xmemck.spi.Sut sut = provider.open(xmemck.spi.SutOptions.none())) {
                assertEquals(
                        "the emulated CPU has no ADI",
                        sut.capabilities().missing().get(Capability.ADI));
                assertTrue(sut.apply(new Setup.CreateProcess("p")) instanceof Result.Unsupported);
            }
        }
    }

    @Test
    void thePythonSkeletonRunsAsDocumented(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("python3"), "python3 is not installed");
        Path script = dir.resolve("skeleton.py");
        Files.writeString(script, block(doc(), "python", "def apply(op)"));
        try (ProcessSut s =
                ProcessSut.start(
                        List.of("python3", script.toString()),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(2))) {
            assertEquals("my implementation 0.1", s.name());
            assertTrue(s.capabilities().supported().isEmpty());
            assertEquals("not implemented yet", s.capabilities().missing().get(Capability.ADI));
            s.reset();
            assertEquals(
                    new Result.Unsupported("op create_process is not implemented yet"),
                    s.apply(new Setup.CreateProcess("p")));
            assertFalse(s.drainDiagnostics().contains("Traceback"));
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator))
            if (Files.isExecutable(Path.of(dir, program))) return true;
        return false;
    }
}
