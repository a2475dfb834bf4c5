package xmemck.report;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Allure commandline's report generator, called in this JVM: the jars of the commandline's
 * {@code lib/} are loaded once into a class loader of their own (their Jackson 2, logback and the
 * rest never meet the kit's), and each report is made with the same API {@code allure generate
 * --single-file} uses ({@code ConfigurationBuilder}, {@code ReportGenerator.generateSingleFile}).
 * Starting a JVM for the commandline cost more than the generation, and a loader kept for the next
 * adapter generates with code the JIT has already compiled.
 *
 * <p>Only the extensions the kit's report shows are configured (see {@link #EXTENSIONS}); the
 * external plugins of the commandline's {@code plugins/} folder are not loaded.
 */
final class AllureGenerator {

    /**
     * Allure 2.34.0's bundled extensions, in its own order (aggregators see each other's work in
     * this order), less: {@code MarkdownDescriptionsPlugin} (it built a Markdown parser for every
     * scenario to repeat the feature's text, a fifth of the generation time; Cucumber's report
     * shows the text), {@code GaPlugin} (posts usage statistics to Google Analytics and waits up to
     * 10 s for it), {@code MailPlugin}, {@code InfluxDbExportPlugin} and {@code
     * PrometheusExportPlugin} (export files nobody reads from a single-file report), {@code
     * IdeaLinksPlugin} (links into an IDE) and {@code Allure1Plugin} (reads Allure 1 XML results,
     * which the kit never writes).
     */
    static final List<String> EXTENSIONS =
            List.of(
                    "io.qameta.allure.tags.TagsPlugin",
                    "io.qameta.allure.retry.RetryPlugin",
                    "io.qameta.allure.retry.RetryTrendPlugin",
                    "io.qameta.allure.severity.SeverityPlugin",
                    "io.qameta.allure.owner.OwnerPlugin",
                    "io.qameta.allure.history.HistoryPlugin",
                    "io.qameta.allure.history.HistoryTrendPlugin",
                    "io.qameta.allure.category.CategoriesPlugin", // reads categories.json:
                    // UNSUPPORTED, OUTSIDE-CONTRACT
                    "io.qameta.allure.category.CategoriesTrendPlugin",
                    "io.qameta.allure.duration.DurationPlugin",
                    "io.qameta.allure.duration.DurationTrendPlugin",
                    "io.qameta.allure.status.StatusChartPlugin",
                    "io.qameta.allure.timeline.TimelinePlugin",
                    "io.qameta.allure.suites.SuitesPlugin",
                    "io.qameta.allure.core.TestsResultsPlugin",
                    "io.qameta.allure.core.AttachmentsPlugin",
                    "io.qameta.allure.summary.SummaryPlugin",
                    "io.qameta.allure.executor.ExecutorPlugin",
                    "io.qameta.allure.launch.LaunchPlugin",
                    "io.qameta.allure.environment.Allure1EnvironmentPlugin", // reads
                    // environment.properties: the adapter and kit
                    "io.qameta.allure.allure2.Allure2Plugin"); // reads the *-result.json files

    private static final ConcurrentHashMap<Path, AllureGenerator> LOADED =
            new ConcurrentHashMap<>();

    private final ClassLoader loader;

    /** Whether a report was made with this generator (then a warm-up has nothing left to do). */
    private volatile boolean warm;

    private AllureGenerator(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * The generator of the commandline unpacked at {@code home}, loaded on first use and kept for
     * the JVM's life.
     */
    static AllureGenerator of(Path home) throws IOException {
        Path key = home.toAbsolutePath().normalize();
        AllureGenerator g = LOADED.get(key);
        if (g != null) return g;
        g = new AllureGenerator(new IsolatedLoader(jars(key.resolve("lib"))));
        AllureGenerator raced = LOADED.putIfAbsent(key, g);
        return raced == null ? g : raced;
    }

    /**
     * Drops the loaded generator of {@code home} after a failure, so the next report loads it again
     * (its jars may have been replaced, say by a clean build, under the running JVM).
     */
    static void forget(Path home) {
        LOADED.remove(home.toAbsolutePath().normalize());
    }

    private static URL[] jars(Path lib) throws IOException {
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> s = Files.list(lib)) {
            for (Path jar :
                    s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList())
                urls.add(url(jar));
        }
        if (urls.isEmpty()) throw new IOException("no jars in " + lib);
        return urls.toArray(URL[]::new);
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(p.toString(), e);
        }
    }

    /**
     * Writes {@code out/index.html}, one self-contained file, from the results in {@code results}.
     * Allure reads its web resources through the thread's context class loader, so that is set for
     * the call.
     */
    void generateSingleFile(Path results, Path out, String reportName)
            throws ReflectiveOperationException {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            Class<?> builderType = loader.loadClass("io.qameta.allure.ConfigurationBuilder");
            Object builder =
                    builderType
                            .getMethod("empty")
                            .invoke(null); // the contexts (Jackson, Freemarker, ...) only
            List<Object> extensions = new ArrayList<>();
            for (String name : EXTENSIONS)
                extensions.add(loader.loadClass(name).getConstructor().newInstance());
            builderType.getMethod("withExtensions", List.class).invoke(builder, extensions);
            builderType.getMethod("withReportName", String.class).invoke(builder, reportName);
            Object configuration = builderType.getMethod("build").invoke(builder);
            Class<?> generatorType = loader.loadClass("io.qameta.allure.ReportGenerator");
            Object generator =
                    generatorType
                            .getConstructor(loader.loadClass("io.qameta.allure.core.Configuration"))
                            .newInstance(configuration);
            Method single = generatorType.getMethod("generateSingleFile", Path.class, List.class);
            single.invoke(generator, out, List.of(results));
            warm = true;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r)
                throw r; // Allure's own failures say what went wrong
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        } finally {
            t.setContextClassLoader(before);
        }
    }

    /**
     * Makes a throw-away report of one made-up scenario with one attachment, so the first real
     * report of a JVM does not pay for loading and initialising the generator (its classes,
     * Freemarker, Tika's media-type table): started while the features run, it uses time the run
     * leaves idle on another core.
     */
    void warmUp() throws IOException, ReflectiveOperationException {
        if (warm) return;
        Path tmp = Files.createTempDirectory("xmemck-allure-warm-up-");
        try {
            Path results = Files.createDirectories(tmp.resolve("results"));
            Files.writeString(
                    results.resolve("warm-up-attachment.json"), "{\"verdict\": \"PASS\"}");
            Files.writeString(
                    results.resolve("00000000-0000-0000-0000-000000000000-result.json"),
                    """
                    {"uuid":"00000000-0000-0000-0000-000000000000","historyId":"warm-up","name":"warm-up","status":"passed",
                     "stage":"finished","start":1,"stop":2,"labels":[{"name":"suite","value":"warm-up"}],
                     "steps":[{"name":"step","status":"passed","stage":"finished","start":1,"stop":2,
                               "attachments":[{"name":"a","source":"warm-up-attachment.json","type":"application/json"}]}]}
                    """);
            generateSingleFile(results, tmp.resolve("report"), "warm-up");
        } finally {
            xmemck.files.Trees.delete(tmp);
        }
    }

    /**
     * The commandline's jars over the platform class loader, with the kit's logging set-up for
     * Allure's logback: its warnings and errors on standard error, nothing else (without one,
     * logback would print at DEBUG level).
     */
    private static final class IsolatedLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        IsolatedLoader(URL[] jars) {
            super("allure-commandline", jars, ClassLoader.getPlatformClassLoader());
        }

        @Override
        public URL findResource(String name) {
            if (name.equals("logback.xml"))
                return AllureGenerator.class.getResource("allure-logback.xml");
            return super.findResource(name);
        }
    }
}
