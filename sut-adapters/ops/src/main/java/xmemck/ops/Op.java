package xmemck.ops;

/** One step of a scenario or fuzz case: build the world, call a service, or observe memory. */
public sealed interface Op permits Setup, Call, Observe {

    /**
     * A short, stable, human-readable rendering (also used in reports and shrunk counterexamples).
     */
    String describe();
}
