/**
 * The fast path: {@code FastPath} sets the commands' typed fields without picocli from
 * {@code ModelTable} (a table the build generates from the model), and {@code HelpPages} prints the
 * help the build rendered, so that a show or a help starts in the time of a bare JVM.
 *
 * <p>May use: {@code cli.command}, {@code cli.option}, {@code cli.render}, the exit codes. Used by
 * {@code cli} alone.
 */
package dev.termctl.cli.fast;
