package xmemck.report;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Finds the Allure commandline (whose generator turns allure-results into a report). It comes from
 * the build only: the maven-dependency-plugin of runner/reporting and runner/cli copies the zip
 * from Maven Central into the module's {@code target/tools}; nothing is fetched while a run
 * reports. Places tried, in order:
 *
 * <ol>
 *   <li>{@code -Dxmemck.allure.home} or {@code XMEMCK_ALLURE_HOME}: an unpacked commandline;
 *   <li>the tools folder ({@code -Dxmemck.tools.dir}, else {@code target/tools} of the module the
 *       kit's code was loaded from): the commandline unpacked there, else its zip, unpacked there
 *       once.
 * </ol>
 *
 * When neither holds it, {@link NotFound} names the file looked for and the build command that puts
 * it there.
 */
public final class AllureCommandline {
    private AllureCommandline() {}

    public static final String VERSION = "2.34.0";
    public static final String ARTIFACT = "io.qameta.allure:allure-commandline:" + VERSION + ":zip";
    static final String ZIP_NAME = "allure-commandline-" + VERSION + ".zip";
    static final String HOME_NAME = "allure-" + VERSION;

    /**
     * The build that copies the zip into runner/cli/target/tools (the folder ./ck's jar looks in).
     */
    static final String BUILD_COMMAND = "./mvnw -pl runner/cli -am package -DskipTests";

    /** The outcome of a search: the commandline's home folder, or why there is none. */
    public sealed interface Found permits Home, NotFound {}

    public record Home(Path dir) implements Found {}

    public record NotFound(String reason) implements Found {}

    /**
     * Where to look; {@link #fromEnvironment()} fills it from system properties and the running
     * code's place.
     */
    public record Places(Optional<Path> explicitHome, Optional<Path> toolsDir) {}

    public static Places fromEnvironment() {
        String explicit =
                System.getProperty("xmemck.allure.home", System.getenv("XMEMCK_ALLURE_HOME"));
        Optional<Path> tools =
                Optional.ofNullable(System.getProperty("xmemck.tools.dir"))
                        .filter(s -> !s.isBlank())
                        .map(Path::of)
                        .or(
                                () ->
                                        codeLocation()
                                                .flatMap(AllureCommandline::targetOf)
                                                .map(t -> t.resolve("tools")));
        return new Places(
                Optional.ofNullable(explicit).filter(s -> !s.isBlank()).map(Path::of),
                tools.map(Path::toAbsolutePath));
    }

    public static Found locate(Places p) {
        if (p.explicitHome().isPresent()) {
            Path h = p.explicitHome().get();
            if (isHome(h)) return new Home(h);
            return new NotFound(
                    "the Allure home given (" + h + ") has no lib/allure-commandline-*.jar");
        }
        if (p.toolsDir().isEmpty()) {
            return new NotFound(
                    "Allure commandline "
                            + VERSION
                            + " not found: the kit's code is not inside a Maven target folder, so it has"
                            + " no tools folder; set -Dxmemck.tools.dir to a folder holding "
                            + ZIP_NAME
                            + " ("
                            + BUILD_COMMAND
                            + " puts it into runner/cli/target/tools), or -Dxmemck.allure.home to an unpacked commandline");
        }
        Path tools = p.toolsDir().get();
        Path unpacked = tools.resolve(HOME_NAME);
        if (isHome(unpacked)) return new Home(unpacked);
        Path zip = tools.resolve(ZIP_NAME);
        if (!Files.isRegularFile(zip)) {
            return new NotFound(
                    "Allure commandline "
                            + VERSION
                            + " not found: no "
                            + zip
                            + "; the build puts it there ("
                            + buildCommandFor(tools)
                            + ")");
        }
        try {
            return new Home(unpack(zip, tools));
        } catch (IOException e) {
            return new NotFound(
                    "could not unpack " + zip + " into " + tools + ": " + e.getMessage());
        }
    }

    /**
     * The build command that fills {@code tools}: the module's own when it is {@code
     * MODULE/target/tools} of a checkout with the Maven Wrapper, else the kit's usual build.
     */
    static String buildCommandFor(Path tools) {
        Path target = tools.getParent();
        Path module = target == null ? null : target.getParent();
        if (module == null
                || !tools.getFileName().toString().equals("tools")
                || !target.getFileName().toString().equals("target")) {
            return BUILD_COMMAND;
        }
        Path root = null; // the outermost folder with the wrapper and a pom: the kit's root, not a
        // module
        for (Path p = module; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isRegularFile(p.resolve("pom.xml")))
                root = p;
        }
        if (root == null || root.equals(module)) return BUILD_COMMAND;
        return "./mvnw -pl "
                + root.relativize(module).toString().replace('\\', '/')
                + " generate-resources";
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
     * Unpacks into a fresh folder and then renames it into place, so a run that stops half way, or
     * two runs at once, never leave a half-unpacked commandline that later runs would trust.
     */
    static Path unpack(Path zip, Path toolsDir) throws IOException {
        Files.createDirectories(toolsDir);
        Path target = toolsDir.resolve(HOME_NAME);
        Path tmp = Files.createTempDirectory(toolsDir, "unpacking-");
        try {
            try (InputStream in = Files.newInputStream(zip);
                    ZipInputStream z = new ZipInputStream(in)) {
                for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                    Path out = tmp.resolve(e.getName()).normalize();
                    if (!out.startsWith(tmp))
                        throw new IOException(
                                zip + ": entry " + e.getName() + " points outside the folder");
                    if (e.isDirectory()) {
                        Files.createDirectories(out);
                        continue;
                    }
                    Files.createDirectories(out.getParent());
                    Files.copy(z, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path inner = tmp.resolve(HOME_NAME);
            if (!isHome(inner))
                throw new IOException(
                        zip + " does not hold " + HOME_NAME + "/lib/allure-commandline-*.jar");
            try {
                Files.move(inner, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException
                    | AtomicMoveNotSupportedException
                    | java.nio.file.DirectoryNotEmptyException e) {
                if (!isHome(target)) throw e; // someone else finished first: use theirs
            }
            return target;
        } finally {
            xmemck.files.Trees.delete(tmp);
        }
    }

    /** The folder or jar the report classes were loaded from. */
    static Optional<Path> codeLocation() {
        try {
            var src = AllureCommandline.class.getProtectionDomain().getCodeSource();
            return src == null
                    ? Optional.empty()
                    : Optional.of(Path.of(src.getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The Maven target folder holding {@code code} (target/classes or a jar in target/), if it is
     * one.
     */
    static Optional<Path> targetOf(Path code) {
        for (Path p = code; p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals("target"))
                return Optional.of(p);
        }
        return Optional.empty();
    }
}
