package xmemck.glue;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The settings and the implementations of one Cucumber run, seen by the glue and the plugins of
 * that run and of no other. Cucumber creates the glue and the plugins itself, so they cannot be
 * handed their run: they look it up here. {@link CucumberRun} runs Cucumber inside a scope of its
 * own, which is what lets {@code ck run} run several adapters at once in one JVM (each run on its
 * own thread, with its own adapter, report folder and pool of implementations). Outside any scope
 * (the Maven build, whose runs are configured by system properties) the JVM's scope answers: the
 * system properties, and one pool for the JVM.
 *
 * <p>The scope is inherited by the threads a run starts (Cucumber's parallel scenarios, an
 * implementation's reader and writer threads); not by the Allure worker, which serves every run.
 */
public final class RunScope {
    private static final RunScope JVM = new RunScope(null, new AdapterPool());

    private static final InheritableThreadLocal<RunScope> CURRENT = new InheritableThreadLocal<>();

    /** This run's own settings (a null value: unset for this run), or null for the JVM's scope. */
    private final Map<String, String> properties;

    private final AdapterPool pool;

    private RunScope(Map<String, String> properties, AdapterPool pool) {
        this.properties = properties;
        this.pool = pool;
    }

    /** The scope of the run on this thread: the one {@link #run} entered, else the JVM's. */
    public static RunScope current() {
        RunScope s = CURRENT.get();
        return s == null ? JVM : s;
    }

    /**
     * Runs {@code body} in a new scope with {@code properties} (a null value: the property is unset
     * for the run; a key not given: the system property) and a fresh pool of implementations.
     */
    public static <T> T run(Map<String, String> properties, Supplier<T> body) {
        RunScope outer = CURRENT.get();
        CURRENT.set(new RunScope(new HashMap<>(properties), new AdapterPool()));
        try {
            return body.get();
        } finally {
            if (outer == null) CURRENT.remove();
            else CURRENT.set(outer);
        }
    }

    /** The run's value of {@code key}, else {@code fallback}. */
    public String property(String key, String fallback) {
        if (properties != null && properties.containsKey(key)) {
            String v = properties.get(key);
            return v == null ? fallback : v;
        }
        return System.getProperty(key, fallback);
    }

    /**
     * The value of {@code key} this run was given ({@link #run}), or null: null in the JVM's scope.
     */
    public String ownProperty(String key) {
        return properties == null ? null : properties.get(key);
    }

    /** The run's value of {@code key}, or null. */
    public String property(String key) {
        return property(key, null);
    }

    /** True when the run's value of {@code key} is "true" (as {@link Boolean#getBoolean}). */
    public boolean flag(String key) {
        return Boolean.parseBoolean(property(key));
    }

    /** The implementations of this run. */
    public AdapterPool pool() {
        return pool;
    }
}
