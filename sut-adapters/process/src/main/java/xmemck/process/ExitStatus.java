package xmemck.process;

/** Says in words how a child process ended. */
final class ExitStatus {
    private ExitStatus() {}

    private static final String[] SIGNALS = {
        null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
        "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"
    };

    /**
     * The JDK reports a child killed by signal {@code n} as exit value {@code 128 + n} (as shells
     * do); a real {@code exit(139)} cannot be told apart, so both readings are kept in the text.
     */
    static String describe(int status) {
        if (status > 128 && status < 128 + 65) {
            int sig = status - 128;
            String name = sig < SIGNALS.length ? SIGNALS[sig] : "signal " + sig;
            return "was killed by "
                    + (name.startsWith("SIG") ? name + " (signal " + sig + ")" : name)
                    + ", exit status "
                    + status;
        }
        return "exited with status " + status;
    }
}
