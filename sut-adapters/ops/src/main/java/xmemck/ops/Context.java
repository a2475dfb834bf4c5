package xmemck.ops;

/** The execution environment a service is called from. */
public sealed interface Context {

    String describe();

    /**
     * Process environment, running under (in the address space of) user process {@code process}.
     */
    record Process(String process) implements Context {
        public Process {
            Names.check("process", process);
        }

        public String describe() {
            return "process " + process;
        }
    }

    /** Process environment of a kernel process: no user address space is current. */
    record KernelProcess() implements Context {
        public String describe() {
            return "kernel process";
        }
    }

    /** Interrupt level: nothing may be paged in. */
    record Interrupt() implements Context {
        public String describe() {
            return "interrupt";
        }
    }

    static Context process(String name) {
        return new Process(name);
    }

    static Context kernelProcess() {
        return new KernelProcess();
    }

    static Context interrupt() {
        return new Interrupt();
    }
}
