package xmemck.cli;

/**
 * A reason to stop before anything runs: the message for the user and the exit status ({@link
 * Ck#USAGE}, ...).
 */
final class CliProblem extends RuntimeException {
    private final int status;

    CliProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
