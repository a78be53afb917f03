/**
 * What a command ends with and how it is printed: the result records ({@code Shown},
 * {@code ClusterView}, {@code Decided}, {@code Unexpected}, {@code Repaired}, {@code HistoryView},
 * {@code Failure}), one renderer per output form ({@code TextRenderer}, {@code JsonRenderer},
 * {@code PrometheusRenderer}), the JSON writer, tables and terminal-safe text; and {@code Failures},
 * the one place that turns the layers' facts (their sealed failures) into an exit status and one
 * line of words with its advice. It sits at the bottom of the command line because every part of it
 * words failures through {@code Failures}.
 *
 * <p>May use: the exit codes, the fence, the cluster, the store and the layers under it. Never
 * picocli, the options or the commands.
 */
package dev.termctl.cli.render;
