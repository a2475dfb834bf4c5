package xmemck.report;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Finds the Allure commandline (the tool that turns allure-results into a report) without a download of its own:
 * the zip comes from Maven Central through Maven, the same way as every other dependency. Places tried, in order:
 * <ol>
 *   <li>{@code -Dxmemck.allure.home} or {@code XMEMCK_ALLURE_HOME}: an unpacked commandline;</li>
 *   <li>the tools folder ({@code -Dxmemck.tools.dir}, else {@code target/tools} of the module the kit runs from,
 *       else {@code ~/.m2/xmemck-tools}), already unpacked there;</li>
 *   <li>the zip in the tools folder (the runner build copies it there) or in the local Maven repository,
 *       unpacked into the tools folder;</li>
 *   <li>the Maven Wrapper of the kit's checkout, asked once to copy the zip into the tools folder
 *       (off with {@code -Dxmemck.allure.fetch=false}).</li>
 * </ol>
 */
public final class AllureCommandline {
    private AllureCommandline() {}

    public static final String VERSION = "2.34.0";
    public static final String ARTIFACT = "io.qameta.allure:allure-commandline:" + VERSION + ":zip";
    static final String ZIP_NAME = "allure-commandline-" + VERSION + ".zip";
    static final String HOME_NAME = "allure-" + VERSION;

    /** The outcome of a search: the commandline's home folder, or why there is none and what was tried. */
    public sealed interface Found permits Home, NotFound {}

    public record Home(Path dir) implements Found {}

    public record NotFound(String reason) implements Found {}

    /** Where to look; {@link #fromEnvironment()} fills it from system properties and the running code's place. */
    public record Places(Optional<Path> explicitHome, Path toolsDir, Path localRepository, Optional<Path> mavenWrapper) {}

    public static Places fromEnvironment() {
        String explicit = System.getProperty("xmemck.allure.home", System.getenv("XMEMCK_ALLURE_HOME"));
        Path repo = Path.of(System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        Optional<Path> codeDir = codeLocation();
        Path tools;
        if (System.getProperty("xmemck.tools.dir") != null) tools = Path.of(System.getProperty("xmemck.tools.dir"));
        else tools = codeDir.flatMap(AllureCommandline::targetOf).map(t -> t.resolve("tools"))
                .orElse(Path.of(System.getProperty("user.home"), ".m2", "xmemck-tools"));
        boolean fetch = !"false".equalsIgnoreCase(System.getProperty("xmemck.allure.fetch", "true"));
        Optional<Path> wrapper = fetch ? codeDir.flatMap(AllureCommandline::wrapperAbove) : Optional.empty();
        return new Places(Optional.ofNullable(explicit).filter(s -> !s.isBlank()).map(Path::of), tools.toAbsolutePath(), repo, wrapper);
    }

    public static Found locate(Places p, Appendable log) {
        List<String> tried = new ArrayList<>();
        if (p.explicitHome().isPresent()) {
            Path h = p.explicitHome().get();
            if (isHome(h)) return new Home(h);
            return new NotFound("the Allure home given (" + h + ") has no lib/allure-commandline-*.jar");
        }
        Path unpacked = p.toolsDir().resolve(HOME_NAME);
        if (isHome(unpacked)) return new Home(unpacked);
        tried.add(unpacked + " (not unpacked)");

        Path inRepo = p.localRepository().resolve(Path.of("io", "qameta", "allure", "allure-commandline", VERSION, ZIP_NAME));
        for (Path zip : List.of(p.toolsDir().resolve(ZIP_NAME), inRepo)) {
            if (Files.isRegularFile(zip)) {
                try {
                    return new Home(unpack(zip, p.toolsDir()));
                } catch (IOException e) {
                    return new NotFound("could not unpack " + zip + " into " + p.toolsDir() + ": " + e);
                }
            }
            tried.add(zip + " (absent)");
        }

        if (p.mavenWrapper().isPresent()) {
            Path mvnw = p.mavenWrapper().get();
            try {
                note(log, "fetching " + ARTIFACT + " with " + mvnw);
                Files.createDirectories(p.toolsDir());
                Path out = Files.createTempFile(p.toolsDir(), "fetch-", ".log");
                Process proc = new ProcessBuilder(mvnw.toString(), "-q", "-B", "dependency:copy",
                        "-Dartifact=" + ARTIFACT, "-DoutputDirectory=" + p.toolsDir())
                        .directory(mvnw.getParent().toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start();
                if (!proc.waitFor(10, TimeUnit.MINUTES)) {
                    proc.destroyForcibly().waitFor();
                    note(log, "the Maven Wrapper did not finish within 10 minutes");
                }
                note(log, Files.readString(out));
                Files.deleteIfExists(out);
                Path zip = p.toolsDir().resolve(ZIP_NAME);
                if (Files.isRegularFile(zip)) return new Home(unpack(zip, p.toolsDir()));
                tried.add(mvnw + " dependency:copy (exit " + proc.exitValue() + ")");
            } catch (IOException | InterruptedException | IllegalThreadStateException e) {
                tried.add(mvnw + " dependency:copy (" + e + ")");
            }
        }
        return new NotFound("Allure commandline " + VERSION + " not found; tried: " + String.join("; ", tried)
                + ". Fetch it once with: ./mvnw dependency:copy -Dartifact=" + ARTIFACT + " -DoutputDirectory=" + p.toolsDir());
    }

    static boolean isHome(Path dir) {
        Path lib = dir.resolve("lib");
        if (!Files.isDirectory(lib)) return false;
        try (Stream<Path> s = Files.list(lib)) {
            return s.anyMatch(f -> f.getFileName().toString().startsWith("allure-commandline-"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Unpacks into a fresh folder and then renames it into place, so a run that stops half way, or two runs at
     * once, never leave a half-unpacked commandline that later runs would trust.
     */
    static Path unpack(Path zip, Path toolsDir) throws IOException {
        Files.createDirectories(toolsDir);
        Path target = toolsDir.resolve(HOME_NAME);
        Path tmp = Files.createTempDirectory(toolsDir, "unpacking-");
        try {
            try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
                for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                    Path out = tmp.resolve(e.getName()).normalize();
                    if (!out.startsWith(tmp)) throw new IOException(zip + ": entry " + e.getName() + " points outside the folder");
                    if (e.isDirectory()) { Files.createDirectories(out); continue; }
                    Files.createDirectories(out.getParent());
                    Files.copy(z, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path inner = tmp.resolve(HOME_NAME);
            if (!isHome(inner)) throw new IOException(zip + " does not hold " + HOME_NAME + "/lib/allure-commandline-*.jar");
            try {
                Files.move(inner, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
                if (!isHome(target)) throw e;   // someone else finished first: use theirs
            }
            return target;
        } finally {
            deleteTree(tmp);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        }
    }

    /** The folder or jar the report classes were loaded from. */
    static Optional<Path> codeLocation() {
        try {
            var src = AllureCommandline.class.getProtectionDomain().getCodeSource();
            return src == null ? Optional.empty() : Optional.of(Path.of(src.getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The Maven target folder holding {@code code} (target/classes or a jar in target/), if it is one. */
    static Optional<Path> targetOf(Path code) {
        for (Path p = code; p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals("target")) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The Maven Wrapper of the checkout the code runs from: the nearest mvnw above it next to a pom.xml. */
    static Optional<Path> wrapperAbove(Path code) {
        String name = System.getProperty("os.name", "").startsWith("Windows") ? "mvnw.cmd" : "mvnw";
        Path found = null;
        for (Path p = code.getParent(); p != null; p = p.getParent()) {
            Path w = p.resolve(name);
            if (Files.isRegularFile(w) && Files.isExecutable(w) && Files.isRegularFile(p.resolve("pom.xml"))) found = w;
        }
        return Optional.ofNullable(found);   // the outermost one: the kit's root, not a module
    }

    private static void note(Appendable log, String s) {
        try {
            log.append(s).append('\n');
        } catch (IOException ignored) {
            // the log is a convenience; the outcome is reported separately
        }
    }
}
