/**
 * The {@code ck} command line ({@link xmemck.cli.Ck}), one class per subcommand: {@code run} (the
 * feature suite against one or several adapters, with expectations, a declared profile, shards and
 * a results bundle), {@code list}, {@code explain} (the oracle's answer in plain words), {@code
 * fuzz}, {@code report} and {@code verify-bundle}.
 */
package xmemck.cli;
