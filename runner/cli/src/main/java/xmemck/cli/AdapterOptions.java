package xmemck.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import xmemck.spi.Adapters;
import xmemck.spi.SutProvider;

/**
 * The implementation a command runs against, shared by {@code ck run} and {@code ck fuzz} as a
 * picocli mixin: {@code --adapter}, {@code --adapter-path}, {@code --sut}, {@code --fault}, {@code
 * --timeout-ms}. {@link #choose} checks them together ({@link AdapterChoice#resolve}): unknown
 * adapters, jars without adapters, {@code --sut} without the process adapter, {@code --fault} with
 * an adapter that has no seeded faults, a timeout below 1 ms.
 */
final class AdapterOptions {

    @Option(
            names = "--adapter",
            split = ",",
            paramLabel = "NAME",
            description = {
                "the implementation's adapter (ck list adapters shows them). ck run takes several (repeat, or separate with"
                        + " commas) and by default runs every built-in one: reference, process with the C example, linux; ck fuzz takes one.",
                "With --sut and no --adapter: process alone; with --adapter-path and no --adapter: the adapters of those jars."
            })
    List<String> adapters;

    @Mixin AdapterPath path;

    @Option(
            names = "--sut",
            paramLabel = "COMMAND",
            description =
                    "the command line that starts a process implementation, split like a shell (quotes, backslashes); for the"
                            + " process adapter, whose default is the C example")
    String sut;

    @Option(
            names = "--fault",
            paramLabel = "NAME",
            description =
                    "switch on a seeded fault: only the process adapter has them, with the C example or another implementation"
                            + " that lists its faults (ck list faults shows them); any other adapter is a usage error")
    String fault;

    /** A day: longer is no timeout at all, and larger values overflow the deadline arithmetic. */
    static final long MAX_TIMEOUT_MILLIS = 86_400_000L;

    @Option(
            names = "--timeout-ms",
            paramLabel = "N",
            description =
                    "per-call timeout of the implementation, in milliseconds (1 to "
                            + MAX_TIMEOUT_MILLIS
                            + ")")
    Long timeoutMillis;

    /**
     * Whether {@code --adapter-path} was given (it then stands in for {@code --adapter}, as {@code
     * --sut} does).
     */
    boolean pathGiven() {
        return path != null && path.entries != null;
    }

    /**
     * The adapters these options name, checked; a problem is a {@link CliProblem} with its exit
     * status. Loads the jars of {@code --adapter-path} first (or forgets those of an earlier
     * command in this JVM when it is not given).
     */
    List<AdapterChoice> choose(List<String> notes) {
        if (timeoutMillis != null && (timeoutMillis < 1 || timeoutMillis > MAX_TIMEOUT_MILLIS)) {
            throw new CliProblem(
                    Ck.USAGE,
                    "--timeout-ms must be from 1 to "
                            + MAX_TIMEOUT_MILLIS
                            + " (a day), got "
                            + timeoutMillis);
        }
        Outside outside = path == null ? Outside.load(null) : path.load();
        return AdapterChoice.resolve(adapters, sut, fault, outside, notes);
    }

    /**
     * {@code --adapter-path JAR[:JAR...]}: implementations on the JVM that are not part of the kit,
     * in jars that register their {@code xmemck.spi.SutProvider} with {@link ServiceLoader}. A
     * mixin of its own, so that {@code ck list adapters} takes it without the other adapter
     * options.
     */
    static final class AdapterPath {
        @Option(
                names = "--adapter-path",
                paramLabel = "JAR[:JAR...]",
                description = {
                    "jars holding adapters of your own (an implementation on the JVM: a SutProvider registered in the jar's"
                            + " META-INF/services/xmemck.spi.SutProvider), and the jars they need; separated by '${sys:path.separator}', or repeat"
                            + " the option. Their adapters are found by id like the built-in ones (sut-adapters/PROTOCOL.md, section 15)."
                })
        List<String> entries;

        /**
         * Loads the jars and lets {@link Adapters} search them; a problem is a {@link CliProblem}
         * (usage, 2).
         */
        Outside load() {
            return Outside.load(entries);
        }
    }

    /**
     * What {@code --adapter-path} brought: its jars, in order, each with the adapters it registers.
     * {@link #load} makes {@link Adapters} search them until the next load (one per command: ck
     * runs one command per JVM, its tests many).
     */
    record Outside(String given, List<Jar> jars) {

        /** One jar of the path: as given, and the adapters whose classes it holds. */
        record Jar(String given, Path file, List<SutProvider> adapters) {}

        static final String SERVICES = "META-INF/services/" + SutProvider.class.getName();

        /** No {@code --adapter-path}. */
        static final Outside NONE = new Outside(null, List.of());

        boolean isGiven() {
            return given != null;
        }

        List<String> ids() {
            List<String> ids = new ArrayList<>();
            for (Jar j : jars) for (SutProvider p : j.adapters()) ids.add(p.id());
            return ids;
        }

        /** The jar an adapter comes from, if it comes from this path. */
        String jarOf(SutProvider p) {
            for (Jar j : jars)
                if (j.adapters().stream().anyMatch(a -> a.getClass() == p.getClass()))
                    return j.given();
            return null;
        }

        /**
         * What each jar registers, for messages: {@code "--adapter-path a.jar: jvm-example
         * (com.example.Provider)"}.
         */
        String describe() {
            StringBuilder b = new StringBuilder("--adapter-path " + given + ":");
            for (Jar j : jars) {
                b.append("\n  ").append(j.given()).append(": ");
                if (j.adapters().isEmpty()) b.append("no adapter");
                else
                    b.append(
                            String.join(
                                    ", ",
                                    j.adapters().stream()
                                            .map(p -> p.id() + " (" + p.getClass().getName() + ")")
                                            .toList()));
            }
            return b.toString();
        }

        /**
         * Checks every jar (it exists, is a readable jar, each class its services file names loads
         * and is a provider), builds a class loader over them whose parent is the kit's, and gives
         * it to {@link Adapters#searchAlso}. At least one jar must hold an adapter, and no adapter
         * may take an id that another one has. {@code entries == null}: no {@code --adapter-path},
         * and {@link Adapters} searches the class path alone.
         */
        static Outside load(List<String> entries) {
            Adapters.searchAlso(null);
            if (entries == null) return NONE;
            String given = String.join(File.pathSeparator, entries);
            Map<Path, String> files = new LinkedHashMap<>();
            for (String entry : entries) {
                for (String piece : entry.split(Pattern.quote(File.pathSeparator), -1)) {
                    if (piece.isBlank()) {
                        throw usage(
                                "--adapter-path \""
                                        + entry
                                        + "\": an empty entry; give jar files separated by '"
                                        + File.pathSeparator
                                        + "'");
                    }
                    try {
                        files.putIfAbsent(Path.of(piece).toAbsolutePath().normalize(), piece);
                    } catch (InvalidPathException e) {
                        throw usage(
                                "--adapter-path " + piece + ": not a file name: " + e.getMessage());
                    }
                }
            }
            Map<Path, List<String>> declared = new LinkedHashMap<>();
            List<URL> urls = new ArrayList<>();
            files.forEach(
                    (file, name) -> {
                        declared.put(file, declaredProviders(file, name));
                        try {
                            urls.add(file.toUri().toURL());
                        } catch (MalformedURLException e) {
                            throw usage("--adapter-path " + name + ": " + e.getMessage());
                        }
                    });
            // Parent: the kit's loader, so that the jars' providers implement the kit's SutProvider
            // and see its SPI classes.
            URLClassLoader loader =
                    new URLClassLoader(
                            "xmemck --adapter-path",
                            urls.toArray(URL[]::new),
                            AdapterOptions.class.getClassLoader());
            declared.forEach(
                    (file, classes) -> {
                        for (String c : classes) loadable(loader, files.get(file), c);
                    });

            Map<Path, List<SutProvider>> found = new LinkedHashMap<>();
            for (Path f : files.keySet()) found.put(f, new ArrayList<>());
            Iterator<SutProvider> it = ServiceLoader.load(SutProvider.class, loader).iterator();
            while (true) {
                SutProvider p;
                try {
                    if (!it.hasNext()) break;
                    p = it.next();
                } catch (ServiceConfigurationError e) {
                    throw usage(
                            "--adapter-path "
                                    + given
                                    + ": an adapter could not be created: "
                                    + e.getMessage()
                                    + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
                }
                // The kit's own adapters are seen through the parent too; only the jars' own
                // classes are theirs.
                if (p.getClass().getClassLoader() != loader) continue;
                Path from = location(p);
                if (from != null && found.containsKey(from)) found.get(from).add(p);
            }
            List<Jar> jars = new ArrayList<>();
            found.forEach(
                    (file, adapters) ->
                            jars.add(new Jar(files.get(file), file, List.copyOf(adapters))));
            Outside outside = new Outside(given, List.copyOf(jars));
            if (outside.ids().isEmpty()) {
                StringBuilder b =
                        new StringBuilder(
                                "--adapter-path "
                                        + given
                                        + ": no adapter in "
                                        + (jars.size() == 1 ? "this jar" : "these jars"));
                for (Jar j : jars) {
                    List<String> names = declared.get(j.file());
                    b.append("\n  ")
                            .append(j.given())
                            .append(": ")
                            .append(
                                    names.isEmpty()
                                            ? "has no " + SERVICES
                                            : "its "
                                                    + SERVICES
                                                    + " names only classes the kit has already: "
                                                    + String.join(", ", names));
                }
                throw usage(b.toString());
            }
            clashes(outside);
            Adapters.searchAlso(loader);
            return outside;
        }

        /**
         * An id taken twice (by the kit and a jar, or by two jars) would make {@code --adapter ID}
         * ambiguous.
         */
        private static void clashes(Outside outside) {
            Map<String, String> owner = new LinkedHashMap<>();
            for (SutProvider p : Adapters.available())
                owner.put(p.id(), "the kit's " + Adapters.origin(p));
            for (Jar j : outside.jars()) {
                for (SutProvider p : j.adapters()) {
                    String mine = j.given() + " (" + p.getClass().getName() + ")";
                    String other = owner.putIfAbsent(p.id(), mine);
                    if (other != null) {
                        throw usage(
                                "--adapter-path: adapter id \""
                                        + p.id()
                                        + "\" of "
                                        + mine
                                        + " is taken already, by "
                                        + other
                                        + "; give your adapter an id of its own");
                    }
                }
            }
        }

        /**
         * The class names the jar's services file lists (comments and blank lines left out); checks
         * the jar first.
         */
        private static List<String> declaredProviders(Path file, String name) {
            if (!Files.exists(file)) throw usage("--adapter-path " + name + ": no such file");
            if (Files.isDirectory(file))
                throw usage(
                        "--adapter-path "
                                + name
                                + ": a folder, not a jar (give the jar that holds your adapter)");
            if (!Files.isReadable(file)) throw usage("--adapter-path " + name + ": cannot be read");
            try (JarFile jar = new JarFile(file.toFile())) {
                JarEntry services = jar.getJarEntry(SERVICES);
                if (services == null) return List.of();
                List<String> names = new ArrayList<>();
                try (InputStream in = jar.getInputStream(services)) {
                    for (String line :
                            new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        int hash = line.indexOf('#');
                        String c = (hash >= 0 ? line.substring(0, hash) : line).strip();
                        if (!c.isEmpty()) names.add(c);
                    }
                }
                return names;
            } catch (IOException | SecurityException e) {
                throw usage(
                        "--adapter-path "
                                + name
                                + ": not a jar that can be read ("
                                + e.getMessage()
                                + ")");
            }
        }

        /**
         * A class the services file names must load and be a provider; said with the jar and the
         * reason, not later.
         */
        private static void loadable(ClassLoader loader, String jar, String className) {
            Class<?> c;
            try {
                c = Class.forName(className, false, loader);
            } catch (ClassNotFoundException e) {
                throw usage(
                        "--adapter-path "
                                + jar
                                + ": its "
                                + SERVICES
                                + " names "
                                + className
                                + ", which is in none of the jars given");
            } catch (LinkageError e) {
                throw usage(
                        "--adapter-path "
                                + jar
                                + ": "
                                + className
                                + " cannot be loaded: "
                                + e
                                + " (a jar it needs missing from --adapter-path, or built for a newer JDK?)");
            }
            if (!SutProvider.class.isAssignableFrom(c)) {
                throw usage(
                        "--adapter-path "
                                + jar
                                + ": its "
                                + SERVICES
                                + " names "
                                + className
                                + ", which does not implement "
                                + SutProvider.class.getName());
            }
        }

        /** The jar (as an absolute path) a provider's class was loaded from. */
        private static Path location(SutProvider p) {
            CodeSource source = p.getClass().getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) return null;
            try {
                return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
            } catch (URISyntaxException | IllegalArgumentException e) {
                return null;
            }
        }

        private static CliProblem usage(String message) {
            return new CliProblem(Ck.USAGE, message);
        }
    }
}
