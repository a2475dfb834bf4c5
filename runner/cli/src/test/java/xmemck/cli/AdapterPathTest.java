package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.ops.Op;
import xmemck.spi.Adapters;
import xmemck.spi.SutProvider;

/**
 * {@code --adapter-path}: adapters in jars outside the kit's class path, for ck run, ck fuzz and ck
 * list adapters. The jars are compiled here from source, so their classes exist nowhere else: a run
 * that passes found them in the jar. Their adapter hands each call to the reference adapter (the
 * point is how it is found, not what it does).
 */
class AdapterPathTest {

    static final String ID = "outside-copy";
    static final String PROVIDER = "outside.OutsideProvider";

    @TempDir static Path jars;
    static Path adapterJar;

    @BeforeAll
    static void buildJars() throws IOException {
        adapterJar =
                jar(
                        "outside",
                        Map.of(
                                "outside/OutsideProvider.java",
                                provider("OutsideProvider", ID, "SutProvider")),
                        PROVIDER);
    }

    @AfterEach
    void classPathAlone() {
        Adapters.searchAlso(null);
    }

    @Test
    void ckRunRunsAnAdapterFromAJar(@TempDir Path dir) throws IOException {
        Cli.Ran r = run(dir, "--adapter-path", adapterJar.toString(), "--adapter", ID);
        assertEquals(0, r.status(), r.all());
        Map<String, Object> summary =
                RunTest.json(dir.resolve("reports").resolve(ID).resolve("summary.json"));
        assertEquals(true, summary.get("passed"), summary.toString());
        assertTrue(
                r.out().contains("ck run " + ID + ": 3 scenario(s)") && r.out().contains("PASS 3"),
                r.out());

        Cli.Ran without = run(dir, "--adapter", ID);
        assertEquals(
                2,
                without.status(),
                "without --adapter-path the jar is not searched, even in the same JVM: "
                        + without.all());
        assertTrue(without.err().contains("unknown adapter \"" + ID + "\""), without.err());
    }

    @Test
    void withoutAdapterTheJarsAdaptersRun(@TempDir Path dir) throws IOException {
        Cli.Ran r = run(dir, "--adapter-path", adapterJar.toString());
        assertEquals(0, r.status(), r.all());
        assertTrue(
                Files.isRegularFile(dir.resolve("reports").resolve(ID).resolve("results.json")),
                r.all());
        assertFalse(Files.exists(dir.resolve("reports/reference")), "only the jar's adapter ran");
    }

    @Test
    void ckFuzzFuzzesAnAdapterFromAJar(@TempDir Path dir) throws IOException {
        Cli.Ran r =
                ck(
                        "fuzz",
                        "--adapter-path",
                        adapterJar.toString(),
                        "--adapter",
                        ID,
                        "--tries",
                        "30",
                        "--seed",
                        "7",
                        "--report-dir",
                        dir.toString(),
                        "--quiet");
        assertEquals(0, r.status(), r.all());
        assertTrue(
                Files.readString(dir.resolve("fuzz/summary.json")).contains(ID),
                "the summary names the adapter fuzzed");
    }

    @Test
    void ckListAdaptersShowsTheJarsAdaptersAndWhereTheyComeFrom() {
        Cli.Ran r = ck("list", "adapters", "--adapter-path", adapterJar.toString());
        assertEquals(0, r.status(), r.all());
        assertTrue(
                r.out()
                        .lines()
                        .anyMatch(
                                l ->
                                        l.startsWith(ID + " ")
                                                && l.endsWith(
                                                        "  the reference adapter, from a jar outside the kit  [from "
                                                                + adapterJar
                                                                + "]")),
                r.out());
        assertTrue(
                r.out().contains("reference ") && r.out().contains("[ck run runs it by default]"),
                "the kit's own are listed too: " + r.out());
        assertFalse(ck("list", "adapters").out().contains(ID), "not on the class path");
    }

    @Test
    void aJarTheAdapterNeedsGoesOnThePathToo() throws IOException {
        Path base =
                jar(
                        "base",
                        Map.of(
                                "outside/base/Base.java",
                                """
                package outside.base;
                public abstract class Base implements xmemck.spi.SutProvider {}
                """));
        Path needy =
                jar(
                        "needy",
                        Map.of(
                                "outside/Needy.java",
                                provider("Needy", "needy", "outside.base.Base")),
                        "outside.Needy",
                        base);
        Cli.Ran alone = ck("list", "adapters", "--adapter-path", needy.toString());
        assertEquals(2, alone.status(), alone.all());
        assertTrue(
                alone.err()
                        .contains(
                                "--adapter-path "
                                        + needy
                                        + ": outside.Needy cannot be loaded: java.lang.NoClassDefFoundError: outside/base/Base"),
                alone.err());
        Cli.Ran both = ck("list", "adapters", "--adapter-path", needy + File.pathSeparator + base);
        assertEquals(0, both.status(), both.all());
        assertTrue(
                both.out()
                        .lines()
                        .anyMatch(
                                l ->
                                        l.startsWith("needy ")
                                                && l.endsWith("  [from " + needy + "]")),
                both.out());
    }

    @Test
    void badJarsAreUsageErrorsNamingThePathAndNothingRuns(@TempDir Path dir) throws IOException {
        Path none = dir.resolve("none.jar");
        expectUsage(
                dir,
                "--adapter-path " + none + ": no such file",
                "--adapter-path",
                none.toString(),
                "--adapter",
                ID);
        expectUsage(
                dir,
                "--adapter-path " + dir + ": a folder, not a jar",
                "--adapter-path",
                dir.toString(),
                "--adapter",
                ID);
        Path text = Files.writeString(dir.resolve("notes.jar"), "not a zip");
        expectUsage(
                dir,
                "--adapter-path " + text + ": not a jar that can be read (",
                "--adapter-path",
                text.toString(),
                "--adapter",
                ID);
        expectUsage(
                dir,
                "--adapter-path \"" + adapterJar + File.pathSeparator + "\": an empty entry",
                "--adapter-path",
                adapterJar + File.pathSeparator,
                "--adapter",
                ID);

        Path empty =
                jar(
                        "empty",
                        Map.of("outside/Nothing.java", "package outside; public class Nothing {}"));
        String err =
                expectUsage(
                        dir,
                        "--adapter-path " + empty + ": no adapter in this jar",
                        "--adapter-path",
                        empty.toString(),
                        "--adapter",
                        ID);
        assertTrue(
                err.contains("  " + empty + ": has no META-INF/services/xmemck.spi.SutProvider"),
                err);
        Path missing =
                jar(
                        "missing",
                        Map.of("outside/Nothing.java", "package outside; public class Nothing {}"),
                        "outside.Gone");
        expectUsage(
                dir,
                "--adapter-path "
                        + missing
                        + ": its META-INF/services/xmemck.spi.SutProvider names outside.Gone, which is in none of the jars given",
                "--adapter-path",
                missing.toString(),
                "--adapter",
                ID);
        Path notProvider =
                jar(
                        "not-provider",
                        Map.of("outside/Nothing.java", "package outside; public class Nothing {}"),
                        "outside.Nothing");
        expectUsage(
                dir,
                "names outside.Nothing, which does not implement xmemck.spi.SutProvider",
                "--adapter-path",
                notProvider.toString(),
                "--adapter",
                ID);
    }

    @Test
    void aJarWithoutTheAdapterNamedSaysWhatItHolds(@TempDir Path dir) throws IOException {
        String err =
                expectUsage(
                        dir,
                        "unknown adapter \"my-emulator\"; available adapters:",
                        "--adapter-path",
                        adapterJar.toString(),
                        "--adapter",
                        "my-emulator");
        assertTrue(
                err.contains("--adapter-path " + adapterJar + ":")
                        && err.contains(adapterJar + ": " + ID + " (" + PROVIDER + ")"),
                err);
    }

    @Test
    void anIdTheKitHasAlreadyIsRefused(@TempDir Path dir) throws IOException {
        Path clash =
                jar(
                        "clash",
                        Map.of("outside/Clash.java", provider("Clash", "reference", "SutProvider")),
                        "outside.Clash");
        expectUsage(
                dir,
                "--adapter-path: adapter id \"reference\" of "
                        + clash
                        + " (outside.Clash) is taken already, by the kit's xmemck.reference.ReferenceProvider",
                "--adapter-path",
                clash.toString(),
                "--adapter",
                "reference");
    }

    @Test
    void ckFuzzNeedsNoAdapterWithAnAdapterPathButOneAdapter() {
        FuzzCommand.Plan plan = plan("--adapter-path", adapterJar.toString());
        assertEquals(ID, plan.runs().getFirst().adapter());
    }

    private FuzzCommand.Plan plan(String... args) {
        var cl = Ck.commandLine();
        List<String> all =
                new ArrayList<>(
                        List.of("fuzz", "--report-dir", jars.resolve("fuzz-plan").toString()));
        all.addAll(List.of(args));
        cl.parseArgs(all.toArray(String[]::new));
        return ((FuzzCommand) cl.getSubcommands().get("fuzz").getCommand()).plan();
    }

    /**
     * ck run with {@code args} fails with status 2, says {@code message} and runs nothing. Returns
     * its standard error.
     */
    private static String expectUsage(Path dir, String message, String... args) throws IOException {
        Cli.Ran r = run(dir, args);
        assertEquals(2, r.status(), r.all());
        assertTrue(r.err().contains(message), "expected \"" + message + "\" in:\n" + r.err());
        try (Stream<Path> s =
                Files.exists(dir.resolve("reports"))
                        ? Files.walk(dir.resolve("reports"))
                        : Stream.empty()) {
            assertTrue(
                    s.noneMatch(p -> p.getFileName().toString().equals("results.json")),
                    "nothing may run");
        }
        return r.err();
    }

    private static Cli.Ran run(Path dir, String... args) throws IOException {
        List<String> all =
                new ArrayList<>(
                        List.of(
                                "run",
                                "--features",
                                Cli.features(dir).toString(),
                                "--report-dir",
                                dir.resolve("reports").toString(),
                                "--no-allure",
                                "--quiet"));
        all.addAll(List.of(args));
        return ck(all.toArray(String[]::new));
    }

    /**
     * The source of a provider class {@code outside.NAME} with this id that extends or implements
     * {@code parent}.
     */
    private static String provider(String name, String id, String parent) {
        return """
                package outside;
                import xmemck.spi.*;
                public class NAME PARENT {
                    @Override public String id() { return "ID"; }
                    @Override public String description() { return "the reference adapter, from a jar outside the kit"; }
                    @Override public Sut open(SutOptions options) throws SutFailure { return Adapters.find("reference").open(options); }
                }
                """
                .replace("NAME", name)
                .replace("ID", id)
                .replace(
                        "PARENT",
                        parent.equals("SutProvider")
                                ? "implements SutProvider"
                                : "extends " + parent);
    }

    /**
     * A jar {@code NAME.jar} holding the classes compiled from {@code sources} (path to text;
     * compiled against the kit's SPI and {@code more} jars) and, when {@code services} is not null,
     * a services file that lists it.
     */
    private static Path jar(String name, Map<String, String> sources, String services, Path... more)
            throws IOException {
        Path src = Files.createDirectories(jars.resolve(name + "-src"));
        Path classes = Files.createDirectories(jars.resolve(name + "-classes"));
        List<String> args = new ArrayList<>();
        List<String> path =
                new ArrayList<>(List.of(codeSource(SutProvider.class), codeSource(Op.class)));
        for (Path m : more) path.add(m.toString());
        args.addAll(
                List.of(
                        "-d",
                        classes.toString(),
                        "-classpath",
                        String.join(File.pathSeparator, path)));
        for (var e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            args.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, args.toArray(String[]::new));
        assertEquals(0, status, "javac " + args + "\n" + messages.toString(StandardCharsets.UTF_8));
        Path jar = jars.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(
                        new JarEntry(
                                classes.relativize(f).toString().replace(File.separatorChar, '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
            if (services != null) {
                out.putNextEntry(new JarEntry("META-INF/services/" + SutProvider.class.getName()));
                out.write(
                        ("# registered by AdapterPathTest\n" + services + "\n")
                                .getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Path jar(String name, Map<String, String> sources) throws IOException {
        return jar(name, sources, null);
    }

    private static String codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
