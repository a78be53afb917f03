/**
 * The command line: {@code Main} and {@code Runner} (one run: the fast path or picocli, then the
 * command, its result and exit status), {@code Commands} (every command, registered once),
 * {@code TermctlCommand} (the top command) and {@code CommandModel} (picocli's model, its help and
 * usage errors).
 *
 * <p>May use: everything below: {@code cli.fast}, {@code cli.command}, {@code cli.option},
 * {@code cli.render}, the exit codes ({@code dev.termctl}), the fence, the store and the layers
 * under it, picocli. Only {@code startup} uses it.
 */
package dev.termctl.cli;
