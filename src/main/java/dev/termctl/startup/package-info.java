/**
 * The startup archive's training run ({@code Train}): the launcher runs it once to record the
 * classes a run loads, and it runs the command line as users do (from train.args).
 *
 * <p>May use: {@code cli}'s {@code Main} and {@code Runner}.
 */
package dev.termctl.startup;
