/**
 * The exit codes ({@code ExitCode}) and the exception a command ends with ({@code TermctlException}):
 * the command line's words to the shell, shared by {@code cli}, {@code startup} and the build's
 * generated docs.
 *
 * <p>May use: the JDK only. Used by {@code cli} and {@code startup} alone.
 */
package dev.termctl;
