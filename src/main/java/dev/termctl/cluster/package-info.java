/**
 * The nodes of a cluster view: {@code NodeReading} reads a term file on this host, or the lines of
 * other hosts' {@code termctl show --json} output ({@code --from-json}), bounded in nodes and text
 * ({@code NodeTexts} keeps them compactly). Its failures are its own sealed {@code ClusterFailure}
 * kinds (a bad line, a view too large).
 *
 * <p>May use: {@code store}, {@code journal}, {@code fs}, {@code format}, {@code core}.
 */
package dev.termctl.cluster;
