package xmemck.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import xmemck.spi.Adapters;
import xmemck.spi.SutOptions;
import xmemck.spi.SutProvider;

/**
 * One implementation a run goes against: the adapter id, the command line of a process
 * implementation (null for other adapters), a seeded fault (or null). Its reports go to a folder
 * named after the adapter.
 */
record AdapterChoice(String id, String sut, String fault) {

    /** The adapters {@code ck run} runs against when none is named, in this order, if present. */
    static final List<String> BUILT_IN = List.of("reference", "process", "linux");

    static final String PROCESS = "process";

    String folder() {
        return id;
    }

    /**
     * The options the adapter is opened with (the glue reads the same from the run's properties).
     */
    SutOptions options(Long timeoutMillis) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        if (sut != null) m.put("sut", sut);
        if (fault != null) m.put("fault", fault);
        if (timeoutMillis != null) m.put("timeoutMillis", String.valueOf(timeoutMillis));
        return new SutOptions(m);
    }

    /**
     * {@link #resolve(List, String, String, AdapterOptions.Outside, List)} without {@code
     * --adapter-path}.
     */
    static List<AdapterChoice> resolve(
            List<String> named, String sut, String fault, List<String> notes) {
        return resolve(named, sut, fault, AdapterOptions.Outside.NONE, notes);
    }

    /**
     * The adapters of a run. Named ones must exist (an unknown one lists those that do, and what
     * the jars of {@code --adapter-path} hold); none named means every built-in adapter, or only
     * {@code process} when a {@code --sut} is given, and the adapters of {@code --adapter-path}'s
     * jars when it is given. The process adapter without a {@code --sut} runs the C example, which
     * must be built. A {@code fault} needs adapters that have seeded faults ({@link #checkFault}).
     * {@code notes} gets what was left out and why.
     */
    static List<AdapterChoice> resolve(
            List<String> named,
            String sut,
            String fault,
            AdapterOptions.Outside outside,
            List<String> notes) {
        List<String> ids = new ArrayList<>();
        if (named == null || named.isEmpty()) {
            if (sut != null || outside.isGiven()) {
                if (sut != null) ids.add(PROCESS);
                ids.addAll(outside.ids());
            } else {
                Set<String> available = new LinkedHashSet<>();
                for (SutProvider p : Adapters.available()) available.add(p.id());
                for (String id : BUILT_IN) {
                    if (!available.contains(id)) continue;
                    if (id.equals("linux")
                            && !System.getProperty("os.name", "")
                                    .toLowerCase(Locale.ROOT)
                                    .contains("linux")) {
                        notes.add("the linux adapter is left out: this is not Linux");
                        continue;
                    }
                    ids.add(id);
                }
            }
        } else {
            for (String n : named) {
                String id = n.strip();
                if (id.isEmpty()) continue;
                if (ids.contains(id))
                    throw new CliProblem(Ck.USAGE, "adapter \"" + id + "\" is named twice");
                ids.add(id);
            }
        }
        for (String id : ids) {
            try {
                Adapters.find(id);
            } catch (IllegalArgumentException e) {
                throw new CliProblem(
                        Ck.USAGE,
                        e.getMessage() + (outside.isGiven() ? "\n" + outside.describe() : ""));
            }
        }
        if (sut != null && !ids.contains(PROCESS)) {
            throw new CliProblem(
                    Ck.USAGE,
                    "--sut gives the command line of a process implementation, but the process adapter is not"
                            + " among the adapters of this run ("
                            + String.join(", ", ids)
                            + "); add --adapter process");
        }
        List<AdapterChoice> out = new ArrayList<>();
        for (String id : ids) {
            String command = null;
            if (id.equals(PROCESS)) {
                command = sut;
                if (command == null) {
                    if (!KitPaths.cExampleBuilt()) {
                        throw new CliProblem(
                                Ck.USAGE,
                                "the process adapter runs the C example by default, but "
                                        + KitPaths.cExample()
                                        + " is not there: "
                                        + KitPaths.BUILD_C_EXAMPLE
                                        + "; or give your implementation with --sut COMMAND");
                    }
                    command = KitPaths.cExample().toString();
                }
            }
            out.add(new AdapterChoice(id, command, fault));
        }
        if (out.isEmpty())
            throw new CliProblem(
                    Ck.USAGE,
                    "no adapter to run against (ck list adapters shows the available ones)");
        if (fault != null) checkFault(out, fault);
        return out;
    }

    /**
     * A seeded fault is for adapters that have them: only the process adapter does (it passes
     * {@code --fault NAME} to its implementation), and only with an implementation that lists its
     * faults with {@code --list-faults}, as the C example does; the fault must be one of those.
     * Anything else is a usage error naming the adapter: without this check the other adapters
     * would silently run without the fault.
     */
    static void checkFault(List<AdapterChoice> choices, String fault) {
        String name = fault.strip();
        if (name.isEmpty())
            throw new CliProblem(
                    Ck.USAGE,
                    "--fault needs the name of a seeded fault (ck list faults shows them)");
        List<String> without =
                choices.stream().map(AdapterChoice::id).filter(id -> !id.equals(PROCESS)).toList();
        if (!without.isEmpty()) {
            String which =
                    without.size() == 1
                            ? "the " + without.getFirst() + " adapter has"
                            : "the "
                                    + String.join(", ", without.subList(0, without.size() - 1))
                                    + " and "
                                    + without.getLast()
                                    + " adapters have";
            throw new CliProblem(
                    Ck.USAGE,
                    "--fault "
                            + name
                            + ": "
                            + which
                            + " no seeded faults; only the process adapter has them, with an"
                            + " implementation that lists them (the C example: ck list faults). Use --adapter process, or leave out --fault");
        }
        for (AdapterChoice c : choices) {
            List<String> command;
            try {
                command = xmemck.process.CommandLine.split(c.sut());
            } catch (IllegalArgumentException e) {
                throw new CliProblem(Ck.USAGE, "--sut: " + e.getMessage());
            }
            List<SeededFaults.Fault> faults;
            try {
                faults = SeededFaults.list(command);
            } catch (SeededFaults.NotListed e) {
                throw new CliProblem(
                        Ck.USAGE,
                        "--fault "
                                + name
                                + ": the process adapter's implementation ("
                                + c.sut()
                                + ") has no seeded"
                                + " faults: it does not list them ("
                                + e.getMessage()
                                + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliProblem(
                        Ck.ADAPTER_FAILED,
                        "interrupted while asking " + c.sut() + " for its seeded faults");
            }
            if (faults.stream().noneMatch(f -> f.name().equals(name))) {
                throw new CliProblem(
                        Ck.USAGE,
                        "--fault "
                                + name
                                + ": the process adapter's implementation ("
                                + c.sut()
                                + ") has no seeded fault"
                                + " of that name; its faults: "
                                + (faults.isEmpty()
                                        ? "none"
                                        : String.join(
                                                ", ",
                                                faults.stream()
                                                        .map(SeededFaults.Fault::name)
                                                        .toList())));
            }
        }
    }
}
