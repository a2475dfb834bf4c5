package xmemck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ck}: the kit's command line. Without a subcommand it prints its usage. */
@Command(name = "ck",
        mixinStandardHelpOptions = true,
        versionProvider = Ck.Version.class,
        description = "xmemck: conformance kit and specification oracle for xmemout, vm_mvc and copyout.",
        subcommands = {RunCommand.class, CommandLine.HelpCommand.class})
public final class Ck implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        return new CommandLine(new Ck());
    }

    /** The kit's version, from the jar's manifest (unknown when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Ck.class.getPackage().getImplementationVersion();
            return new String[] {"xmemck " + (v == null ? "(development build)" : v)};
        }
    }
}
