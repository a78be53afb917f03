/**
 * One class per command ({@code ShowCommand}, {@code ClassifyCommand}, {@code AdmitRecordCommand},
 * {@code AdmitHandshakeCommand}, {@code AdoptCommand}, {@code RepairCommand}, {@code HistoryCommand}):
 * each declares its options (the mixins of {@code cli.option}), runs, and returns a result record;
 * {@code Subcommand} and its kinds ({@code VerdictCommand}, {@code FenceCommand},
 * {@code WritingCommand}) hold what they share; who ran it ({@code Invoker}, {@code Host}).
 *
 * <p>May use: {@code cli.option}, {@code cli.render}, the exit codes, the fence, the cluster, the
 * store and the layers under it, picocli. Words for a failure come from {@code Failures} only.
 */
package dev.termctl.cli.command;
