package xmemck.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import xmemck.oracle.Catalogue;
import xmemck.oracle.Clause;

/**
 * {@code ck list clauses}: the documented clauses with id, kind, summary and the seed pages they
 * come from.
 */
@Command(
        name = "clauses",
        mixinStandardHelpOptions = true,
        versionProvider = Ck.Version.class,
        description =
                "Every documented clause: its id, kind, the seed pages (or vendor pages) it comes from, and its summary.",
        footer = {
            "",
            "Examples:",
            "  ck list clauses",
            "  ck list clauses --service vm_mvc",
            "  ck list clauses --tsv > catalogue.tsv"
        })
final class ListClausesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--service",
            paramLabel = "NAME",
            description = "only this service's clauses (xmemout, xmattach, vm_mvc, copyout, ...)")
    String service;

    @Option(
            names = "--tsv",
            description = "print the catalogue file as it is (tab-separated, for machines)")
    boolean tsv;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (tsv) {
            out.print(Catalogue.tsv());
            return Ck.OK;
        }
        List<Clause> clauses =
                Catalogue.all().stream()
                        .filter(c -> service == null || c.service().equals(service))
                        .toList();
        if (clauses.isEmpty()) {
            String services =
                    String.join(
                            ", ",
                            Catalogue.all().stream().map(Clause::service).distinct().toList());
            spec.commandLine()
                    .getErr()
                    .println(
                            "ck list clauses: no clause of service \""
                                    + service
                                    + "\"; the services are: "
                                    + services);
            return Ck.USAGE;
        }
        int width = clauses.stream().mapToInt(c -> c.id().length()).max().orElse(0);
        String group = null;
        for (Clause c : clauses) {
            if (!c.service().equals(group)) {
                group = c.service();
                out.println((clauses.getFirst() == c ? "" : "\n") + group);
            }
            out.printf(
                    "  %-" + width + "s  %-17s  %s%n",
                    c.id(),
                    c.kind().name().toLowerCase().replace('_', ' '),
                    c.summary());
            for (Clause.Citation s : c.sources()) {
                out.printf(
                        "  %-" + width + "s  %-17s  source: %s%s%n",
                        "",
                        "",
                        s.describe(),
                        s.page().address().isEmpty() ? "" : " <" + s.page().address() + ">");
            }
        }
        return Ck.OK;
    }
}
